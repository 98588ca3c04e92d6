package io.alertgate.deliver;

import io.alertgate.json.WireName;

/**
 * One destination's health as {@code GET /api/connectors/health} answers it, from its breaker and its recent
 * attempts on this instance.
 *
 * @param message a sentence for the operator that names no secret
 */
public record ConnectorHealth(String name, String type, Status status, String message) {

  /** healthy: delivering; degraded: some attempts fail, or a probe is under way; unhealthy: not delivering. */
  public enum Status implements WireName { HEALTHY, DEGRADED, UNHEALTHY }

  static ConnectorHealth of(Destination destination, DestinationBreaker breaker) {
    String last = breaker.lastOutcome().map(outcome -> outcome.error() == null ? "delivered" : outcome.error())
        .orElse("no attempt yet");
    return switch (breaker.state()) {
      case OPEN -> new ConnectorHealth(destination.name(), destination.type(), Status.UNHEALTHY,
          "circuit breaker open until " + breaker.reopensAt() + "; last attempt: " + last);
      case HALF_OPEN -> new ConnectorHealth(destination.name(), destination.type(), Status.DEGRADED,
          "circuit breaker half-open, a probe is under way; last attempt: " + last);
      case CLOSED -> {
        double ratio = breaker.failureRatio();
        yield ratio > 0
            ? new ConnectorHealth(destination.name(), destination.type(), Status.DEGRADED,
                Math.round(ratio * 100) + "% of recent attempts failed; last attempt: " + last)
            : new ConnectorHealth(destination.name(), destination.type(), Status.HEALTHY, "last attempt: " + last);
      }
    };
  }
}
