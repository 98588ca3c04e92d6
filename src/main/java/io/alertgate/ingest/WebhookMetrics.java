package io.alertgate.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code alertgate_webhooks_total{source, outcome}}: what each source's webhooks came to, and
 * {@code alertgate_webhook_response_seconds{source}}: how long each took to answer (a histogram), from its headers to
 * its answer, the commit included. The meters are made up front, one set per configured source, so counting a
 * request allocates nothing; a name no source has counts under "_unknown", so a scanner cannot create series at will.
 */
final class WebhookMetrics {

  // Not a valid source name, so no configured source can share its counters.
  static final String UNKNOWN_SOURCE = "_unknown";

  /** The outcome of one request, by its status code. */
  enum Outcome {
    // OVERLOADED: a 503 for want of room for the body (http.max_inflight_body_mib), told apart from storage's 503.
    ACCEPTED, DUPLICATE, UNAUTHORIZED, INVALID, UNAVAILABLE, OVERLOADED, ERROR;

    static Outcome of(int status) {
      return switch (status) {
        case 202 -> ACCEPTED;
        case 200 -> DUPLICATE;
        case 401 -> UNAUTHORIZED;
        case 503 -> UNAVAILABLE;
        default -> status >= 400 && status < 500 ? INVALID : ERROR;
      };
    }
  }

  /** One source's meters: a counter per outcome, by ordinal, and its response times. */
  private record SourceMeters(Counter[] outcomes, Timer responses) {}

  private final Map<String, SourceMeters> meters = new HashMap<>();

  WebhookMetrics(MeterRegistry registry, Collection<String> sources) {
    for (String source : sources) {
      meters.put(source, metersFor(registry, source));
    }
    meters.put(UNKNOWN_SOURCE, metersFor(registry, UNKNOWN_SOURCE));
  }

  /** A request to the named source was answered with this status, {@code nanos} after it arrived. */
  void answered(String source, int status, long nanos) {
    answered(source, Outcome.of(status), nanos);
  }

  void answered(String source, Outcome outcome, long nanos) {
    SourceMeters bySource = meters.getOrDefault(source, meters.get(UNKNOWN_SOURCE));
    bySource.outcomes()[outcome.ordinal()].increment();
    bySource.responses().record(nanos, TimeUnit.NANOSECONDS);
  }

  private static SourceMeters metersFor(MeterRegistry registry, String source) {
    Counter[] outcomes = new Counter[Outcome.values().length];
    for (Outcome outcome : Outcome.values()) {
      outcomes[outcome.ordinal()] = Counter.builder("alertgate.webhooks")
          .description("Webhook requests by source and what came of them")
          .tag("source", source)
          .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    Timer responses = Timer.builder("alertgate.webhook.response")
        .description("From a webhook's headers to its answer, the commit included")
        .tag("source", source)
        .publishPercentileHistogram()
        .register(registry);
    return new SourceMeters(outcomes, responses);
  }
}
