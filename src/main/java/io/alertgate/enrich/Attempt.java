package io.alertgate.enrich;

import io.alertgate.enrich.provider.Figures;

import java.time.Instant;

/**
 * What asking about one indicator came to, in the alert contract's words: {@code ok} (a fresh answer), {@code cached},
 * {@code not_found}, {@code quota} (the budget or the provider said to wait, until {@code retryAt}), or {@code error}.
 *
 * @param figures the provider's figures, for ok and cached
 * @param detail  why, for quota and error, in a sentence that names no key
 */
record Attempt(String status, Figures figures, Instant checkedAt, Instant retryAt, String detail) {

  static final String OK = "ok";
  static final String CACHED = "cached";
  static final String NOT_FOUND = "not_found";
  static final String QUOTA = "quota";
  static final String ERROR = "error";

  static Attempt quota(Instant retryAt, String detail) {
    return new Attempt(QUOTA, null, Instant.now(), retryAt, detail);
  }

  static Attempt error(String detail, Instant at) {
    return new Attempt(ERROR, null, at, null, detail);
  }

  /** Settled for good: nothing more to ask later. */
  boolean settled() {
    return !status.equals(QUOTA) && !status.equals(ERROR);
  }
}
