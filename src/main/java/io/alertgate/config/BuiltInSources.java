package io.alertgate.config;

import io.alertgate.config.AuthConfig.SignatureEncoding;

import java.util.List;

/** The auth each built-in source gets unless its configuration says otherwise. */
final class BuiltInSources {

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
