package io.alertgate.deliver;

import io.alertgate.pipeline.Tally;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The relay's own meters, by destination: deliveries delivered or given up
 * ({@code alertgate_deliveries_total{destination,outcome}}), attempts and how long each took
 * ({@code alertgate_delivery_attempt_seconds{destination,result}}), and the time from routing to delivered
 * ({@code alertgate_delivery_latency_seconds{destination}}). The backlog is the stage's, and the breakers' state is
 * {@link Breakers}'.
 */
final class DeliveryMetrics {

  private final MeterRegistry registry;

  DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void settled(String destination, Tally.Counts counts) {
    deliveries(destination, "delivered").increment(counts.processed());
    deliveries(destination, "dead").increment(counts.failed());
  }

  void attempted(String destination, AttemptResult result, Duration took) {
    Timer.builder("alertgate.delivery.attempt").description("Delivery attempts and how long each took")
        .tag("destination", destination).tag("result", result.wireName())
        .publishPercentileHistogram()
        .register(registry).record(took);
  }

  void delivered(String destination, Duration sinceRouted) {
    Timer.builder("alertgate.delivery.latency").description("From an alert's routing to its delivery")
        .tag("destination", destination)
        .publishPercentileHistogram()
        .register(registry).record(sinceRouted);
  }

  private Counter deliveries(String destination, String outcome) {
    return Counter.builder("alertgate.deliveries").description("Deliveries delivered or given up, by destination")
        .tag("destination", destination).tag("outcome", outcome).register(registry);
  }
}
