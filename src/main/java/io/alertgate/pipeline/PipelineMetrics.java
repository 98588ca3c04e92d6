package io.alertgate.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code alertgate_inbound_events_total{source, outcome="processed"|"failed"}} and
 * {@code alertgate_alerts_normalized_total{source}}: what normalization committed. Recorded after each commit, so
 * a batch that failed and was retried event by event counts each event once.
 */
public final class PipelineMetrics {

  private final MeterRegistry registry;

  public PipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Events and alerts per source, as one committed call left them. */
  record Tally(Map<String, Counts> bySource) {

    static final Tally NONE = new Tally(Map.of());

    static Tally of(String source, Counts counts) {
      return new Tally(Map.of(source, counts));
    }

    Tally plus(Tally other) {
      if (other.bySource.isEmpty()) {
        return this;
      }
      Map<String, Counts> sum = new HashMap<>(bySource);
      other.bySource.forEach((source, counts) -> sum.merge(source, counts, Counts::plus));
      return new Tally(Map.copyOf(sum));
    }
  }

  record Counts(long processed, long failed, long alerts) {

    Counts plus(Counts other) {
      return new Counts(processed + other.processed, failed + other.failed, alerts + other.alerts);
    }
  }

  void record(Tally tally) {
    tally.bySource().forEach((source, counts) -> {
      events(source, "processed").increment(counts.processed());
      events(source, "failed").increment(counts.failed());
      Counter.builder("alertgate.alerts.normalized").description("Alerts normalized and stored, by source")
          .tag("source", source).register(registry).increment(counts.alerts());
    });
  }

  private Counter events(String source, String outcome) {
    return Counter.builder("alertgate.inbound.events")
        .description("Inbound events normalized (processed) or kept as failed, by source")
        .tag("source", source).tag("outcome", outcome).register(registry);
  }
}
