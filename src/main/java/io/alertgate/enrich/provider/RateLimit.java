package io.alertgate.enrich.provider;

import io.alertgate.http.RetryAfter;
import io.vertx.core.MultiMap;

import java.time.Instant;
import java.util.Optional;

/**
 * The quota state an answer carried: AbuseIPDB's {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset}
 * on every answer, and {@code Retry-After} on a 429. Each part is null when the answer did not carry it.
 *
 * @param resetAt when the provider's quota window starts again ({@code X-RateLimit-Reset}, a Unix time)
 * @param retryAt when the provider asked to be asked again ({@code Retry-After}, from the answer's arrival)
 */
public record RateLimit(Integer limit, Integer remaining, Instant resetAt, Instant retryAt) {

  public static final RateLimit NONE = new RateLimit(null, null, null, null);

  // A reset smaller than this is no Unix time (it would be before 2001): read as seconds from now instead.
  private static final long EPOCH_FLOOR = 1_000_000_000L;

  static RateLimit of(MultiMap headers, Instant now) {
    Long reset = number(headers.get("X-RateLimit-Reset"));
    Instant resetAt = reset == null ? null
        : reset >= EPOCH_FLOOR ? Instant.ofEpochSecond(reset) : now.plusSeconds(reset);
    Instant retryAt = RetryAfter.parse(headers.get("Retry-After"), now).map(now::plus).orElse(null);
    return new RateLimit(count(headers.get("X-RateLimit-Limit")), count(headers.get("X-RateLimit-Remaining")),
        resetAt, retryAt);
  }

  /**
   * When the provider may be asked again, when it said: its {@code Retry-After}, else its quota's reset once
   * nothing remains. Empty when it said nothing of the kind.
   */
  public Optional<Instant> resumeAt() {
    if (retryAt != null) {
      return Optional.of(retryAt);
    }
    return remaining != null && remaining <= 0 ? Optional.ofNullable(resetAt) : Optional.empty();
  }

  private static Integer count(String header) {
    Long value = number(header);
    return value == null || value > Integer.MAX_VALUE ? null : value.intValue();
  }

  private static Long number(String header) {
    if (header == null) {
      return null;
    }
    String value = header.trim();
    // ASCII digits only, and few enough to fit a long.
    if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return Long.parseLong(value);
  }
}
