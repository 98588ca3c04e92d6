package io.alertgate.pipeline;

import io.alertgate.logging.OutageLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Holds a stage's sweepers back while a later stage has more than its bound of items due, so that a backlog is
 * drained through every stage at the pace of the slowest rather than all of it through the first stage before the
 * last starts on it (a million events measured 161/s at first and 5,676/s at the end: normalization's sweepers took
 * the machine and the delivery backlog grew to 585,720; docs/benchmarks.md, "Backlog drain").
 *
 * <p>Every later stage is looked at, not only the next: what a sweeper takes goes on through the later stages' fast
 * paths, which are never held, so the work piles up at the slowest of them, not at the next. Only due items count:
 * deliveries waiting for a retry or behind an open breaker do not hold anything back, so a destination that is down
 * does not stop the others' backlog. The fast paths are never held: a slow stage never delays new alerts.
 *
 * <p>{@code alertgate_stage_held_total{stage}} counts the sweeper batches held back. Shared by a stage's sweepers.
 */
final class Backpressure {

  private static final Logger LOG = LoggerFactory.getLogger(Backpressure.class);
  /*
   * A later stage's bound, in its own batches: enough that its runners never wait for work while a held sweeper waits
   * to look again and its next batch comes through the stages between (a delivery batch of 64 takes some 50 ms, a
   * normalization batch of 500 some 300 ms), and still a few seconds of its work at most.
   */
  static final int AHEAD_BATCHES = 32;
  /*
   * How soon a held sweeper looks again: a hold ends as soon as the later stage works its items down, far sooner than
   * the sweep interval (2 s by default, for finding lost work), which would leave the later stage idle.
   */
  private static final long RECHECK_MS = 250;

  private final List<Stage> later;
  private final long recheckMs;
  private final Counter held;
  private final OutageLog failures;

  /** For the stage of this plan, with the stages after it in the pipeline. */
  Backpressure(StagePlan plan, List<Stage> later, MeterRegistry registry) {
    this.later = List.copyOf(later);
    this.recheckMs = Math.min(RECHECK_MS, plan.sweepIntervalMs());
    this.held = Counter.builder("alertgate.stage.held")
        .description("Sweeper batches a stage held back while a later stage had more than its bound due")
        .tag("stage", plan.name())
        .register(registry);
    this.failures = new OutageLog(LOG, "Counting the items due after " + plan.name());
  }

  /** The most items due a stage may have before the sweepers of the stages before it hold back. */
  static int bound(Stage stage) {
    return AHEAD_BATCHES * stage.plan().maxBatch();
  }

  /** How long a held sweeper waits before it looks again. */
  long recheckMs() {
    return recheckMs;
  }

  /**
   * Whether a sweeper should hold back its next batch now; never fails. A count that fails counts as room: sweeping
   * is how lost work is found, and must not stop because a count did.
   */
  Future<Boolean> holds(SqlClient client) {
    Future<Boolean> full = Future.succeededFuture(false);
    // The last stage first: it is where a backlog piles up, and one that is full answers for all.
    for (int i = later.size() - 1; i >= 0; i--) {
      Stage stage = later.get(i);
      full = full.compose(already -> already ? full(true) : over(client, stage));
    }
    return full.onSuccess(holding -> {
      if (holding) {
        held.increment();
      }
    });
  }

  private Future<Boolean> over(SqlClient client, Stage stage) {
    int bound = bound(stage);
    return stage.countDue(client, bound + 1)
        .map(due -> {
          failures.worked();
          return due > bound;
        })
        .recover(failure -> {
          failures.failed(failure);
          return full(false);
        });
  }

  private static Future<Boolean> full(boolean value) {
    return Future.succeededFuture(value);
  }
}
