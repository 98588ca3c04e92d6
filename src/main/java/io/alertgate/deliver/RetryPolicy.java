package io.alertgate.deliver;

import io.alertgate.config.RelaySettings;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * When a delivery that failed in a way worth retrying is tried again, or that it is not: exponential backoff with
 * full jitter (a random wait up to the doubled ceiling, so a destination that comes back is not hit by every
 * waiting delivery at once), never sooner than the destination's {@code Retry-After} (clamped, so a destination
 * cannot park a delivery for a day), and dead once attempts or age run out.
 *
 * @param maxAttempts   attempts in all, the first included
 * @param maxAge        how long after its first attempt a delivery may still be tried
 * @param base          the ceiling of the first wait
 * @param cap           the highest ceiling any wait may have
 * @param maxRetryAfter the longest {@code Retry-After} honoured as given
 */
public record RetryPolicy(int maxAttempts, Duration maxAge, Duration base, Duration cap, Duration maxRetryAfter) {

  // The first retry comes within a second; no wait between two attempts exceeds five minutes; a destination's own
  // Retry-After is honoured up to ten.
  private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
  private static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(10);

  /** The relay's policy, with the attempts and age its configuration sets. */
  public static RetryPolicy of(RelaySettings relay) {
    return new RetryPolicy(relay.maxAttempts(), Duration.ofHours(relay.maxAgeHours()), FIRST_WAIT, LONGEST_WAIT,
        LONGEST_RETRY_AFTER);
  }

  /** This policy, with fewer attempts when a destination bounds them itself. */
  public RetryPolicy limitedTo(OptionalInt attempts) {
    return attempts.isPresent() && attempts.getAsInt() < maxAttempts
        ? new RetryPolicy(attempts.getAsInt(), maxAge, base, cap, maxRetryAfter) : this;
  }

  public RetryPolicy {
    if (maxAttempts < 1 || maxAge.isNegative() || base.toMillis() < 1 || cap.compareTo(base) < 0
        || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("A retry policy needs an attempt, a base wait of a millisecond or more, and a"
          + " cap no lower than the base");
    }
  }

  /**
   * After a retryable failure of attempt number {@code attempts} (1 for the first): when to try again, or empty when
   * the delivery is dead, because that was the last attempt or the next would come after its age runs out.
   */
  public Optional<Instant> next(int attempts, Instant firstAttempt, Instant now, Optional<Duration> retryAfter,
                                RandomGenerator random) {
    if (attempts >= maxAttempts) {
      return Optional.empty();
    }
    Duration wait = jittered(attempts, random);
    Duration asked = retryAfter.map(d -> d.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : d).orElse(Duration.ZERO);
    if (asked.compareTo(wait) > 0) {
      wait = asked;
    }
    Instant at = now.plus(wait);
    return at.isAfter(firstAttempt.plus(maxAge)) ? Optional.empty() : Optional.of(at);
  }

  /** A uniform wait between zero and base x 2^(attempts - 1), at most the cap. */
  private Duration jittered(int attempts, RandomGenerator random) {
    long ceiling = base.toMillis();
    for (int i = 1; i < attempts && ceiling < cap.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, cap.toMillis());
    return Duration.ofMillis(random.nextLong(ceiling + 1));
  }
}
