package io.alertgate.enrich.provider;

import io.alertgate.json.WireName;

/** How one lookup ended, the same for every provider. */
public enum Outcome implements WireName {
  /** The provider answered with its figures for the indicator. */
  FOUND,
  /** The provider knows nothing of the indicator. */
  NOT_FOUND,
  /** The provider refused the API key (401, 403): asking again with the same key will not help. */
  BAD_KEY,
  /** The provider's quota is spent (429); the lookup's rate-limit state says until when, when it said. */
  RATE_LIMITED,
  /** No usable answer: a 5xx, a timeout, a connection that failed, or the provider's breaker open. */
  UNAVAILABLE,
  /** An answer came but could not be read: not the documented JSON, or larger than the client reads. */
  MALFORMED,
  /** The provider refused the question itself (another 4xx, such as 400 for a value it does not accept). */
  REFUSED
}
