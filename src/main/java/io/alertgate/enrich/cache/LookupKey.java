package io.alertgate.enrich.cache;

import java.util.Objects;

/**
 * What one lookup asks: a provider ("virustotal", "abuseipdb"), the kind of indicator ("ip", "domain", "url",
 * "hash") and its value as the provider is asked for it. The caller spells the value the same way each time (lower
 * case domains and hashes, say), or the same indicator is cached twice.
 */
public record LookupKey(String provider, String kind, String value) {

  public LookupKey {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }
}
