package io.alertgate.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code alertgate_webhooks_total{source, outcome}}: what each source's webhooks came to. The counters are made
 * up front, one per configured source and outcome, so counting a request allocates nothing; a name no source has
 * counts under "_unknown", so a scanner cannot create series at will.
 */
final class WebhookMetrics {

  // Not a valid source name, so no configured source can share its counters.
  static final String UNKNOWN_SOURCE = "_unknown";

  /** The outcome of one request, by its status code. */
  enum Outcome {
    ACCEPTED, DUPLICATE, UNAUTHORIZED, INVALID, UNAVAILABLE, ERROR;

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

  private final Map<String, Counter[]> counters = new HashMap<>();

  WebhookMetrics(MeterRegistry registry, Collection<String> sources) {
    for (String source : sources) {
      counters.put(source, countersFor(registry, source));
    }
    counters.put(UNKNOWN_SOURCE, countersFor(registry, UNKNOWN_SOURCE));
  }

  void count(String source, int status) {
    counters.getOrDefault(source, counters.get(UNKNOWN_SOURCE))[Outcome.of(status).ordinal()].increment();
  }

  private static Counter[] countersFor(MeterRegistry registry, String source) {
    Counter[] bySource = new Counter[Outcome.values().length];
    for (Outcome outcome : Outcome.values()) {
      bySource[outcome.ordinal()] = Counter.builder("alertgate.webhooks")
          .description("Webhook requests by source and what came of them")
          .tag("source", source)
          .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
          .register(registry);
    }
    return bySource;
  }
}
