package io.alertgate.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs one stage's batches. Each call claims its items with the stage's {@code FOR UPDATE SKIP LOCKED} query, so
 * the row lock is the lease: held for the transaction, gone with it if the process dies, and skipped by every other
 * claimant meanwhile. The stage's outcome and the next stage's work are written in that same transaction, so an
 * item is processed exactly once: committed with its outcome, or not at all. After the commit the produced ids are
 * announced on the hand-off's address.
 */
public final class StageRunner {

  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);

  private final Vertx vertx;
  private final Pool pool;
  private final Stage stage;
  private final Handoff handoff;
  private final StageMetrics metrics;
  private final long maxBatchWeight;

  public StageRunner(Vertx vertx, Pool pool, Stage stage, Handoff handoff, MeterRegistry registry) {
    this.vertx = vertx;
    this.pool = pool;
    this.stage = stage;
    this.handoff = handoff;
    this.metrics = new StageMetrics(registry, stage.plan().name());
    this.maxBatchWeight = stage.plan().maxBatchWeight();
  }

  public Stage stage() {
    return stage;
  }

  /**
   * The fast path: processes those of these items that are still due and not claimed elsewhere, in id order.
   * Items beyond the batch's budget are left unclaimed and reported as deferred, for the caller's next batch.
   */
  public Future<StageOutcome> run(List<UUID> ids) {
    return timed(StageMetrics.Path.FAST, claimAndWrite(sql -> stage.claim(sql, ids)));
  }

  /**
   * The recovery path: items due for longer than the grace period that nobody processed (lost message, crash).
   * The claim holds its row locks while the batch is processed, so parallel sweepers take different items.
   */
  public Future<StageOutcome> runDue(int limit, double graceSeconds) {
    return timed(StageMetrics.Path.SWEEP, claimAndWrite(sql -> stage.claimDue(sql, limit, graceSeconds)));
  }

  private Future<StageOutcome> timed(StageMetrics.Path path, Future<StageOutcome> call) {
    long started = System.nanoTime();
    return call.onSuccess(outcome -> {
      if (outcome.claimed() > 0) {
        metrics.batch(path, System.nanoTime() - started);
      }
      handoff.publish(vertx, outcome.produced());
    });
  }

  /**
   * Claims (id, weight) rows with the given query and processes those that fit the budget; the rest are released at
   * the commit. If the transaction fails, each item it attempted is tried alone, so one item the database refuses
   * cannot hold back the others.
   */
  private Future<StageOutcome> claimAndWrite(Function<SqlConnection, Future<RowSet<Row>>> claim) {
    List<UUID> attempted = new ArrayList<>();
    List<UUID> deferred = new ArrayList<>();
    return pool.withTransaction(sql -> claim.apply(sql).compose(claimed -> {
          splitByBudget(claimed, attempted, deferred);
          if (attempted.isEmpty()) {
            return Future.succeededFuture(StageOutcome.NONE);
          }
          return stage.process(sql, attempted)
              .compose(outcome -> handoff.intake().enqueue(sql, outcome.produced()).map(outcome));
        }))
        .map(this::committed)
        .recover(failure -> attempted.isEmpty() ? Future.failedFuture(failure)
            : attempted.size() == 1 ? giveUp(attempted.get(0), failure) : oneByOne(attempted, failure))
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

  private Future<StageOutcome> oneByOne(List<UUID> ids, Throwable batchFailure) {
    LOG.warn("A {} batch of {} items failed ({}); processing them one at a time", stage.plan().name(), ids.size(),
        batchFailure.getMessage());
    Future<StageOutcome> chain = Future.succeededFuture(StageOutcome.NONE);
    for (UUID id : ids) {
      // Without publishing here: the caller publishes the sum once.
      chain = chain.compose(total -> claimAndWrite(sql -> stage.claim(sql, List.of(id))).map(total::plus));
    }
    return chain;
  }

  private Future<StageOutcome> giveUp(UUID id, Throwable failure) {
    LOG.error("{}: item {} failed even alone ({}); recording it as failed", stage.plan().name(), id,
        failure.getMessage());
    return stage.giveUp(pool, id, failure).map(tally -> committed(StageOutcome.of(List.of(), tally)));
  }

  /** Counted once per commit, so a batch that failed and was retried item by item counts each item once. */
  private StageOutcome committed(StageOutcome outcome) {
    metrics.items(outcome.tally());
    stage.committed(outcome.tally());
    return outcome;
  }
}
