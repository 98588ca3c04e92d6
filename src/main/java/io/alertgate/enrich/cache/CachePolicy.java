package io.alertgate.enrich.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one provider's answers are kept, by outcome. An answer found is worth keeping long; "not found" less, as a
 * new indicator may be reported soon; an error (5xx, timeout, malformed body) briefly, so that a failing provider is
 * not asked again for every alert. A bad key, a rate limit or a skipped indicator says nothing about the indicator and
 * is never kept: a zero time to live.
 */
public record CachePolicy(Duration found, Duration notFound, Duration error) {

  /** A day for an answer found, an hour for not found, five minutes for an error. */
  public static final CachePolicy DEFAULT = new CachePolicy(Duration.ofDays(1), Duration.ofHours(1),
      Duration.ofMinutes(5));

  public CachePolicy {
    requireNotNegative(found, "found");
    requireNotNegative(notFound, "notFound");
    requireNotNegative(error, "error");
  }

  /**
   * The time to live of an answer with this outcome; zero when it must not be kept. "ok" is the alert contract's word
   * for an answer found; "found" is taken as the same.
   */
  public Duration ttl(String outcome) {
    return switch (outcome) {
      case "ok", "found" -> found;
      case "not_found" -> notFound;
      case "error" -> error;
      default -> Duration.ZERO;
    };
  }

  private static void requireNotNegative(Duration ttl, String name) {
    Objects.requireNonNull(ttl, name);
    if (ttl.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + ttl);
    }
  }
}
