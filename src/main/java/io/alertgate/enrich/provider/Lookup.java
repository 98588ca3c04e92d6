package io.alertgate.enrich.provider;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One provider's answer about one indicator, or why there is none. Never carries the provider's key: the detail is
 * the gateway's own sentence with at most the provider's error code in it.
 *
 * @param provider  {@link VirusTotalClient#NAME} or {@link AbuseIpDbClient#NAME}, as the alert contract names them
 * @param figures   what the provider said, only when {@code outcome} is {@link Outcome#FOUND}
 * @param rateLimit the quota state the answer carried; {@link RateLimit#NONE} when no answer came
 * @param detail    why the lookup ended as it did, for logs and connector health; null when found
 * @param checkedAt when the answer came (or the lookup gave up)
 */
public record Lookup(String provider, Indicator indicator, Outcome outcome, Figures figures, RateLimit rateLimit,
                     String detail, Instant checkedAt) {

  public Lookup {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(indicator, "indicator");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(checkedAt, "checkedAt");
    if ((outcome == Outcome.FOUND) != (figures != null)) {
      throw new IllegalArgumentException("figures come with a found indicator, and only with one");
    }
  }

  static Lookup found(String provider, Indicator indicator, Figures figures, RateLimit rateLimit, Instant at) {
    return new Lookup(provider, indicator, Outcome.FOUND, figures, rateLimit, null, at);
  }

  static Lookup failed(String provider, Indicator indicator, Outcome outcome, RateLimit rateLimit, String detail,
                       Instant at) {
    return new Lookup(provider, indicator, outcome, null, rateLimit, detail, at);
  }

  public Optional<Figures> foundFigures() {
    return Optional.ofNullable(figures);
  }

  /** The result in the alert contract's words, less the status the stage decides (ok, cached, quota...). */
  public JsonObject toJson() {
    JsonObject json = figures == null ? new JsonObject() : figures.toJson().copy();
    return json.put("indicator", indicator.value()).put("provider", provider).put("checked_at", checkedAt.toString());
  }
}
