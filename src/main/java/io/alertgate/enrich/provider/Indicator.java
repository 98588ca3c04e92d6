package io.alertgate.enrich.provider;

import io.alertgate.json.WireName;

import java.util.Locale;
import java.util.Objects;

/**
 * A value an alert carries that a threat-intelligence provider can be asked about. A hash is kept in lower case, so
 * the same file asked about in either case is one question (and one cache entry).
 *
 * @param value the address, name, URL or hash as the provider is asked about it
 */
public record Indicator(Kind kind, String value) {

  /** What sort of value it is; each provider serves some kinds only. */
  public enum Kind implements WireName {
    IP, DOMAIN, URL, HASH
  }

  public Indicator {
    Objects.requireNonNull(kind, "kind");
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("an indicator needs a value");
    }
    value = value.trim();
    if (kind == Kind.HASH) {
      value = value.toLowerCase(Locale.ROOT);
      // md5, sha1, sha256: anything else would only earn a 400 and spend a lookup.
      if (!value.matches("[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}")) {
        throw new IllegalArgumentException("a hash must be md5, sha1 or sha256 in hex");
      }
    }
  }

  public static Indicator ip(String address) {
    return new Indicator(Kind.IP, address);
  }

  public static Indicator domain(String name) {
    return new Indicator(Kind.DOMAIN, name);
  }

  public static Indicator url(String url) {
    return new Indicator(Kind.URL, url);
  }

  public static Indicator hash(String hex) {
    return new Indicator(Kind.HASH, hex);
  }
}
