package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A {@link LeasedStage}'s batch, in three steps and two short transactions: the claim sets the items' leases and
 * commits; the stage does its I/O with no transaction open and no connection held; its outcome and the next
 * stage's work are written in a second transaction. Whatever goes wrong in between, the items come back to a
 * sweeper when their leases expire.
 */
final class LeasedBatches implements StageRunner.Batches {

  private static final Logger LOG = LoggerFactory.getLogger(LeasedBatches.class);

  private final Pool pool;
  private final LeasedStage stage;
  private final Handoff handoff;
  private final UnaryOperator<StageOutcome> committed;
  private final long workMillis;

  LeasedBatches(Pool pool, LeasedStage stage, Handoff handoff, UnaryOperator<StageOutcome> committed) {
    if (stage.plan().lease() == null) {
      throw new IllegalArgumentException("Stage " + stage.plan().name() + " is leased and needs a lease duration");
    }
    this.pool = pool;
    this.stage = stage;
    this.handoff = handoff;
    this.committed = committed;
    // The work must end well before the lease does, leaving the write its time: past the lease, another instance
    // may hold the items, and the write would find their tokens changed and write nothing.
    this.workMillis = stage.plan().lease().toMillis() * 4 / 5;
  }

  @Override
  public Future<StageOutcome> run(Function<SqlConnection, Future<RowSet<Row>>> claim) {
    return pool.withTransaction(claim::apply).compose(rows -> {
      List<LeasedStage.Lease> leases = new ArrayList<>(rows.size());
      for (Row row : rows) {
        leases.add(new LeasedStage.Lease(row.getUUID(0), row.getUUID(2)));
      }
      if (leases.isEmpty()) {
        return Future.succeededFuture(StageOutcome.NONE);
      }
      return stage.perform(leases)
          .timeout(workMillis, TimeUnit.MILLISECONDS)
          .compose(completion -> pool.withTransaction(sql -> completion.write(sql)
              .compose(outcome -> handoff.handOver(sql, outcome))))
          .map(committed)
          .onFailure(failure -> LOG.warn("{}: {} leased item(s) were not finished ({}); they are due again when their"
              + " lease ends", stage.plan().name(), leases.size(), failure.getMessage()));
    });
  }
}
