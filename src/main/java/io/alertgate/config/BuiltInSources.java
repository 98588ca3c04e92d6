package io.alertgate.config;

import io.alertgate.config.AuthConfig.SignatureEncoding;

import java.util.List;

/**
 * What the built-in sources have without being written out: their default auth, and the variables that set their
 * credentials, so that a deployment can pass secrets through the environment and keep them out of the YAML file.
 */
final class BuiltInSources {

  static final List<ConfigKey> CREDENTIAL_KEYS = List.of(
      ConfigKey.commaSeparated("sources.elastic.auth.secrets", "ELASTIC_SIEM_WEBHOOK_SECRET"),
      ConfigKey.commaSeparated("sources.sentinel.auth.secrets", "SENTINEL_WEBHOOK_SECRET"),
      ConfigKey.commaSeparated("sources.splunk.auth.tokens", "SPLUNK_WEBHOOK_TOKEN"),
      ConfigKey.commaSeparated("sources.splunk.auth.secrets", "SPLUNK_WEBHOOK_SECRET"));

  private BuiltInSources() {
  }

  static AuthConfig defaultAuth(Vendor vendor) {
    return switch (vendor) {
      case ELASTIC -> hmac("X-Elastic-Signature");
      case SENTINEL -> hmac("X-Sentinel-Signature");
      // Splunk's webhook alert action can neither sign nor set headers: a token, optionally a signature too.
      case SPLUNK -> new AuthConfig(AuthScheme.TOKEN, "X-Splunk-Signature", SignatureEncoding.HEX, List.of(), List.of());
      case GENERIC -> throw new IllegalArgumentException("generic sources have no default auth");
    };
  }

  private static AuthConfig hmac(String header) {
    return new AuthConfig(AuthScheme.HMAC, header, SignatureEncoding.HEX, List.of(), List.of());
  }
}
