package io.alertgate.enrich.quota;

import java.time.Instant;

/**
 * The answer to a request for one lookup: granted, or refused with the reason and the moment to try again (the start
 * of the next window, or the end of the provider's pause).
 */
public record Grant(boolean granted, Refusal refusal, Instant retryAt) {

  /** Why a lookup was refused; {@link #tag()} names it in metrics. */
  public enum Refusal {
    MINUTE_BUDGET, DAY_BUDGET, PAUSED;

    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static final Grant GRANTED = new Grant(true, null, null);

  static Grant refused(Refusal refusal, Instant retryAt) {
    return new Grant(false, refusal, retryAt);
  }
}
