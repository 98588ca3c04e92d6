package io.alertgate.normalize;

import io.alertgate.pipeline.Tally;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code alertgate_inbound_events_total{source, outcome="processed"|"failed"}} and
 * {@code alertgate_alerts_normalized_total{source}}: what normalization committed, per source. The stage kit calls
 * it once per commit, so a batch that failed and was retried event by event counts each event once.
 */
final class NormalizeMetrics {

  private final MeterRegistry registry;

  NormalizeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(Tally tally) {
    tally.byGroup().forEach((source, counts) -> {
      events(source, "processed").increment(counts.processed());
      events(source, "failed").increment(counts.failed());
      Counter.builder("alertgate.alerts.normalized").description("Alerts normalized and stored, by source")
          .tag("source", source).register(registry).increment(counts.produced());
    });
  }

  private Counter events(String source, String outcome) {
    return Counter.builder("alertgate.inbound.events")
        .description("Inbound events normalized (processed) or kept as failed, by source")
        .tag("source", source).tag("outcome", outcome).register(registry);
  }
}
