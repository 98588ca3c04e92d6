package io.alertgate.pipeline;

import io.alertgate.logging.LogFields;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A {@link TransactionalStage}'s batch: claim, process, write the outcome and the next stage's work, commit, all in
 * one transaction. The claim's row locks are the lease: held while the batch is processed, gone with the
 * transaction, also when the process is killed, and skipped by every other claimant meanwhile. An item is
 * processed exactly once: committed with its outcome, or not at all.
 */
final class TransactionalBatches implements StageRunner.Batches {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionalBatches.class);

  private final Pool pool;
  private final TransactionalStage stage;
  private final Handoff handoff;
  private final UnaryOperator<StageOutcome> committed;
  private final long maxBatchWeight;

  TransactionalBatches(Pool pool, TransactionalStage stage, Handoff handoff, UnaryOperator<StageOutcome> committed) {
    this.pool = pool;
    this.stage = stage;
    this.handoff = handoff;
    this.committed = committed;
    this.maxBatchWeight = stage.plan().maxBatchWeight();
  }

  /**
   * Claims (id, weight) rows with the given query and processes those that fit the budget; the rest are released at
   * the commit. If the transaction fails, each item it attempted is tried alone, so one item the database refuses
   * cannot hold back the others.
   */
  @Override
  public Future<StageOutcome> run(Function<SqlConnection, Future<RowSet<Row>>> claim) {
    List<UUID> attempted = new ArrayList<>();
    List<UUID> deferred = new ArrayList<>();
    return pool.withTransaction(sql -> claim.apply(sql).compose(claimed -> {
          splitByBudget(claimed, attempted, deferred);
          if (attempted.isEmpty()) {
            return Future.succeededFuture(StageOutcome.NONE);
          }
          return stage.process(sql, attempted).compose(outcome -> handoff.handOver(sql, outcome));
        }))
        .transform(done -> done.succeeded() ? Future.succeededFuture(committed.apply(done.result()))
            : afterFailure(attempted, done.cause()))
        // Whether the batch committed or was retried item by item, the items past the budget are still waiting.
        .map(outcome -> outcome.deferring(deferred));
  }

  /** The first claimed rows whose weight fits the budget (always at least one, however heavy), then the rest. */
  private void splitByBudget(RowSet<Row> claimed, List<UUID> within, List<UUID> beyond) {
    long weight = 0;
    for (Row row : claimed) {
      weight += row.getInteger(1);
      boolean fits = within.isEmpty() || (beyond.isEmpty() && weight <= maxBatchWeight);
      (fits ? within : beyond).add(row.getUUID(0));
    }
  }

  private Future<StageOutcome> afterFailure(List<UUID> attempted, Throwable failure) {
    if (attempted.size() > 1 && !Faults.unreachable(failure)) {
      return oneByOne(attempted, failure);
    }
    if (attempted.size() != 1 || Faults.passing(failure)) {
      // Nothing claimed, the database away, or not the item's fault: the items stay due, for the sweeper.
      return Future.failedFuture(failure);
    }
    return giveUp(attempted.get(0), failure);
  }

  /** Each item alone; one that fails even so is recorded or left due, and the others go on regardless. */
  private Future<StageOutcome> oneByOne(List<UUID> ids, Throwable batchFailure) {
    LOG.warn("A {} batch of {} items failed ({}); processing them one at a time", stage.plan().name(), ids.size(),
        batchFailure.getMessage());
    Future<StageOutcome> chain = Future.succeededFuture(StageOutcome.NONE);
    for (UUID id : ids) {
      chain = chain.compose(total -> run(sql -> stage.claim(sql, List.of(id)))
          .recover(failure -> {
            logged(LOG.atWarn(), id).log("{}: item {} is left due ({})", stage.plan().name(), id,
                failure.getMessage());
            return Future.succeededFuture(StageOutcome.NONE);
          })
          .map(total::plus));
    }
    return chain;
  }

  private Future<StageOutcome> giveUp(UUID id, Throwable failure) {
    logged(LOG.atError(), id).log("{}: item {} failed even alone ({}); recording it as failed", stage.plan().name(),
        id, failure.getMessage());
    return stage.giveUp(pool, id, failure).map(tally -> committed.apply(StageOutcome.of(List.of(), tally)));
  }

  /** A line about one item, with the stage and the item's id as fields of their own. */
  private LoggingEventBuilder logged(LoggingEventBuilder line, UUID id) {
    return line.addKeyValue(LogFields.STAGE, stage.plan().name()).addKeyValue(stage.plan().itemField(), id);
  }
}
