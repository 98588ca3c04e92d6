package io.alertgate.deliver;

import io.alertgate.http.RetryAfter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry rules every connector shares: how an answer is classified, when to try again, Retry-After. */
class RetryRulesTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final RetryPolicy POLICY = new RetryPolicy(8, Duration.ofHours(24), Duration.ofSeconds(1),
      Duration.ofMinutes(5), Duration.ofMinutes(10));

  @ParameterizedTest
  @CsvSource({"200, DELIVERED", "201, DELIVERED", "202, DELIVERED", "204, DELIVERED", "299, DELIVERED",
      "100, PERMANENT", "301, PERMANENT", "304, PERMANENT", "400, PERMANENT", "401, PERMANENT", "403, PERMANENT",
      "404, PERMANENT", "409, PERMANENT", "410, PERMANENT", "413, PERMANENT", "422, PERMANENT", "408, RETRYABLE",
      "429, RETRYABLE", "500, RETRYABLE", "502, RETRYABLE", "503, RETRYABLE", "504, RETRYABLE", "599, RETRYABLE",
      "600, PERMANENT", "0, PERMANENT", "-1, PERMANENT"})
  @DisplayName("2xx delivered; 408, 429 and 5xx retryable; every other answer permanent")
  void classifiesEveryStatus(int status, AttemptResult expected) {
    assertEquals(expected, AttemptResult.ofStatus(status));
  }

  @Test
  @DisplayName("Each wait is a uniform draw under a ceiling that doubles from the base up to the cap")
  void fullJitterUnderADoublingCeiling() {
    RandomGenerator random = new SplittableRandom(7);
    for (int attempt = 1; attempt < 8; attempt++) {
      long ceiling = Math.min(1_000L << (attempt - 1), 300_000L);
      long longest = 0;
      for (int i = 0; i < 2_000; i++) {
        long waited = Duration.between(NOW, POLICY.next(attempt, NOW, NOW, Optional.empty(), random).orElseThrow())
            .toMillis();
        assertTrue(waited >= 0 && waited <= ceiling, attempt + ": " + waited);
        longest = Math.max(longest, waited);
      }
      assertTrue(longest > ceiling * 9 / 10, "the draws reach near the ceiling: " + longest + " of " + ceiling);
    }
  }

  @Test
  @DisplayName("Retry-After is a floor, clamped to the longest wait honoured; attempts and age make a delivery dead")
  void retryAfterAttemptsAndAge() {
    RandomGenerator zero = new FixedDraw(0);
    assertEquals(Optional.of(NOW.plusSeconds(30)),
        POLICY.next(1, NOW, NOW, Optional.of(Duration.ofSeconds(30)), zero));
    assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(10))),
        POLICY.next(1, NOW, NOW, Optional.of(Duration.ofDays(2)), zero), "clamped");
    assertEquals(Optional.empty(), POLICY.next(8, NOW, NOW, Optional.empty(), zero), "the last attempt");
    Instant old = NOW.minus(Duration.ofHours(24)).plusSeconds(5);
    assertEquals(Optional.empty(), POLICY.next(2, old, NOW, Optional.of(Duration.ofSeconds(10)), zero), "too old");
    assertEquals(Optional.of(NOW.plusSeconds(4)), POLICY.next(2, old, NOW, Optional.of(Duration.ofSeconds(4)), zero));
  }

  @Test
  @DisplayName("A policy without an attempt, or with a cap below its base, is refused")
  void checksItsSettings() {
    assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(0, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> new RetryPolicy(3, Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ZERO));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "120 | PT2M",
      "0 | PT0S",
      " 7  | PT7S",
      "Tue, 01 Dec 2026 10:01:30 GMT | PT1M30S",
      "Tuesday, 01-Dec-26 10:00:45 GMT | PT45S",
      "Sunday, 06-Nov-94 08:49:37 GMT | PT0S",
      "Tue Dec  1 10:00:05 2026 | PT5S",
      "Mon, 30 Nov 2026 10:00:00 GMT | PT0S"})
  @DisplayName("Retry-After in seconds or in any of the three HTTP date forms; a date gone by means now")
  void readsRetryAfter(String header, String expected) {
    assertEquals(Optional.of(Duration.parse(expected)), RetryAfter.parse(header, NOW));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "-5", "1.5", "soon", "9999999999", "Tue, 32 Dec 2026 10:00:00 GMT", "120s",
      "\u0661\u0662"})
  @DisplayName("A Retry-After that is neither is no answer, never a reason to wait")
  void ignoresGarbage(String header) {
    assertEquals(Optional.empty(), RetryAfter.parse(header, NOW));
  }

  /** Always draws the same fraction of the bound. */
  private record FixedDraw(long value) implements RandomGenerator {
    @Override
    public long nextLong() {
      return value;
    }

    @Override
    public long nextLong(long bound) {
      return Math.min(value, bound - 1);
    }
  }
}
