package io.alertgate.config;

import java.util.List;

/**
 * A source's authentication settings.
 *
 * @param scheme   the scheme
 * @param header   the signature header, for {@code hmac} and for a {@code token} source that also signs
 * @param encoding how the HMAC is written in the header
 * @param secrets  active signing secrets, newest first during a rotation
 * @param tokens   active tokens for a {@code token} source
 */
public record AuthConfig(AuthScheme scheme, String header, SignatureEncoding encoding,
                         List<String> secrets, List<String> tokens) {

  public enum SignatureEncoding { HEX, BASE64 }

  public AuthConfig {
    secrets = List.copyOf(secrets);
    tokens = List.copyOf(tokens);
  }

  public boolean hasCredentials() {
    return !secrets.isEmpty() || !tokens.isEmpty();
  }

  public AuthConfig withSecrets(List<String> newSecrets, List<String> newTokens) {
    return new AuthConfig(scheme, header, encoding, newSecrets, newTokens);
  }

  /** Never prints a secret: a record's default toString would. */
  @Override
  public String toString() {
    return "AuthConfig[scheme=" + scheme.configName() + ", header=" + header + ", encoding=" + encoding
        + ", secrets=" + secrets.size() + " redacted, tokens=" + tokens.size() + " redacted]";
  }
}
