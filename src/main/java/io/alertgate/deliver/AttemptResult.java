package io.alertgate.deliver;

import io.alertgate.json.WireName;

/**
 * The one classification of an attempt's answer that every connector shares: 2xx delivered; 408, 429 and 5xx
 * worth retrying; every other answer permanent, since sending the same request again would get the same refusal.
 * An attempt that got no answer (connection refused or reset, timed out, a name that did not resolve) is worth
 * retrying: the request may or may not have arrived, and the destination's idempotency key covers both. A target the
 * gateway refused to reach before sending anything is permanent.
 */
public enum AttemptResult implements WireName {
  DELIVERED, RETRYABLE, PERMANENT;

  public static AttemptResult ofStatus(int status) {
    if (status >= 200 && status < 300) {
      return DELIVERED;
    }
    if (status == 408 || status == 429 || (status >= 500 && status < 600)) {
      return RETRYABLE;
    }
    return PERMANENT;
  }
}
