package io.alertgate.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Every stage's own series, written once: {@code alertgate_stage_items_total{stage, outcome="processed"|"failed"}}
 * (what the stage committed) and {@code alertgate_stage_batch_seconds{stage, path="fast"|"sweep"}} (how long a batch
 * took, claim to commit; a histogram). A stage's per-group counters are its own ({@link Stage#committed}).
 */
final class StageMetrics {

  enum Path {
    FAST, SWEEP;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Counter processed;
  private final Counter failed;
  private final Timer fast;
  private final Timer sweep;

  StageMetrics(MeterRegistry registry, String stage) {
    processed = items(registry, stage, "processed");
    failed = items(registry, stage, "failed");
    fast = batches(registry, stage, Path.FAST);
    sweep = batches(registry, stage, Path.SWEEP);
  }

  void items(Tally tally) {
    processed.increment(tally.processed());
    failed.increment(tally.failed());
  }

  void batch(Path path, long nanos) {
    (path == Path.FAST ? fast : sweep).record(nanos, TimeUnit.NANOSECONDS);
  }

  private static Counter items(MeterRegistry registry, String stage, String outcome) {
    return Counter.builder("alertgate.stage.items")
        .description("Items a stage processed or recorded as failed")
        .tag("stage", stage).tag("outcome", outcome).register(registry);
  }

  private static Timer batches(MeterRegistry registry, String stage, Path path) {
    return Timer.builder("alertgate.stage.batch")
        .description("Time from a batch's claim to its commit")
        .tag("stage", stage).tag("path", path.label())
        // Buckets, so that a stage's p99 can be read beside its mean: a few slow batches are what backs a stage up.
        .publishPercentileHistogram()
        .register(registry);
  }
}
