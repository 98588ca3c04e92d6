package io.alertgate.pipeline;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A {@link LeasedStage}'s batch, in two short transactions with the I/O between them: the claim sets the items'
 * leases and commits; the stage works on each item with no transaction open and no connection held; at the
 * deadline, or when all are over, the settled items' outcomes and the next stage's work are written together, or
 * item by item if that fails. Whatever is not written comes back to a sweeper when its lease expires.
 */
final class LeasedBatches implements StageRunner.Batches {

  private static final Logger LOG = LoggerFactory.getLogger(LeasedBatches.class);

  private final Vertx vertx;
  private final Pool pool;
  private final LeasedStage stage;
  private final Handoff handoff;
  private final UnaryOperator<StageOutcome> committed;
  private final long workMillis;

  LeasedBatches(Vertx vertx, Pool pool, LeasedStage stage, Handoff handoff, UnaryOperator<StageOutcome> committed) {
    this.vertx = vertx;
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
    // The caller's context (a fast path's or a sweeper's): every step after the work resumes on it.
    Context caller = vertx.getOrCreateContext();
    return pool.withTransaction(claim::apply).compose(rows -> {
      List<LeasedStage.Lease> leases = new ArrayList<>(rows.size());
      for (Row row : rows) {
        leases.add(new LeasedStage.Lease(row.getUUID(0), row.getUUID(2)));
      }
      if (leases.isEmpty()) {
        return Future.succeededFuture(StageOutcome.NONE);
      }
      List<Future<LeasedStage.Settlement>> work =
          stage.perform(leases, Instant.now().plusMillis(workMillis));
      return settled(caller, work).compose(settlements -> {
        if (settlements.size() < leases.size()) {
          LOG.warn("{}: {} of {} leased item(s) were not settled by the deadline; they are due again when their"
              + " lease ends", stage.plan().name(), leases.size() - settlements.size(), leases.size());
        }
        return write(settlements);
      });
    });
  }

  /** The settlements ready when all the work is over or the deadline passes, whichever comes first. */
  private Future<List<LeasedStage.Settlement>> settled(Context caller, List<Future<LeasedStage.Settlement>> work) {
    Promise<List<LeasedStage.Settlement>> ready = Promise.promise();
    Runnable collect = () -> caller.runOnContext(v -> {
      List<LeasedStage.Settlement> done = new ArrayList<>();
      work.stream().filter(Future::succeeded).forEach(item -> done.add(item.result()));
      ready.tryComplete(done);
    });
    long timer = vertx.setTimer(workMillis, fired -> collect.run());
    Future.join(work).onComplete(all -> {
      vertx.cancelTimer(timer);
      collect.run();
    });
    return ready.future();
  }

  /** All settled items in one transaction; if that fails, each in its own, so one bad write holds back none. */
  private Future<StageOutcome> write(List<LeasedStage.Settlement> settlements) {
    if (settlements.isEmpty()) {
      return Future.succeededFuture(StageOutcome.NONE);
    }
    return transaction(settlements).recover(failure -> {
      if (Faults.unreachable(failure)) {
        // The database is away: item by item would fail alike. The items come back when their leases end.
        return Future.failedFuture(failure);
      }
      if (settlements.size() == 1) {
        LOG.warn("{}: a leased item's outcome could not be written ({}); it is due again when its lease ends",
            stage.plan().name(), failure.getMessage());
        return Future.succeededFuture(StageOutcome.NONE);
      }
      LOG.warn("{}: writing {} settled item(s) failed ({}); writing them one at a time", stage.plan().name(),
          settlements.size(), failure.getMessage());
      Future<StageOutcome> chain = Future.succeededFuture(StageOutcome.NONE);
      for (LeasedStage.Settlement settlement : settlements) {
        chain = chain.compose(total -> write(List.of(settlement)).map(total::plus));
      }
      return chain;
    });
  }

  private Future<StageOutcome> transaction(List<LeasedStage.Settlement> settlements) {
    return pool.withTransaction(sql -> stage.writeAll(sql, settlements)
        .compose(total -> handoff.handOver(sql, total))).map(committed);
  }
}
