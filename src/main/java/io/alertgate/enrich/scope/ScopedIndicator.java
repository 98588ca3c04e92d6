package io.alertgate.enrich.scope;

import java.util.Objects;

/**
 * One indicator of an alert and whether it may be looked up.
 *
 * @param kind        ip, domain, url or hash
 * @param value       the value as the alert carries it (trimmed, and cut short when it is unusable), to label the
 *                    result with
 * @param query       the canonical form a provider is asked about and results are cached under: an address as
 *                    Java prints it, a name in lower-case ASCII (punycode) without a trailing dot, a hash in lower
 *                    case, a URL as given; empty when the value is unusable
 * @param disposition lookup, skipped_private or unusable
 * @param reason      why it is not looked up (the rule that matched); empty for a lookup
 */
public record ScopedIndicator(IndicatorKind kind, String value, String query, Disposition disposition,
                              String reason) {

  public ScopedIndicator {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(value);
    Objects.requireNonNull(query);
    Objects.requireNonNull(disposition);
    Objects.requireNonNull(reason);
  }

  static ScopedIndicator lookup(IndicatorKind kind, String value, String query) {
    return new ScopedIndicator(kind, value, query, Disposition.LOOKUP, "");
  }

  static ScopedIndicator skipped(IndicatorKind kind, String value, String query, String rule) {
    return new ScopedIndicator(kind, value, query, Disposition.SKIPPED_PRIVATE, rule);
  }

  static ScopedIndicator unusable(IndicatorKind kind, String value, String why) {
    return new ScopedIndicator(kind, value, "", Disposition.UNUSABLE, why);
  }

  public boolean mayLookUp() {
    return disposition == Disposition.LOOKUP;
  }
}
