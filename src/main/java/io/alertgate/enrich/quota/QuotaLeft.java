package io.alertgate.enrich.quota;

import java.time.Instant;

/**
 * What a provider's budget has left now, for metrics and health: lookups left this minute and today
 * ({@link Integer#MAX_VALUE} without a budget), and the end of the provider's pause, or null when it is not paused.
 */
public record QuotaLeft(int minute, int day, Instant pausedUntil, String pauseReason) {

  public boolean paused() {
    return pausedUntil != null;
  }
}
