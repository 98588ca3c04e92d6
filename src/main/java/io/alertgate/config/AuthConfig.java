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

  /**
   * Whether any sender can get in: every scheme but {@code none} needs what it checks (a token source its tokens,
   * the others their secrets), and without it the source refuses every request.
   */
  public boolean acceptsSenders() {
    return switch (scheme) {
      case NONE -> true;
      case TOKEN -> !tokens.isEmpty();
      case HMAC, STANDARD_WEBHOOKS -> !secrets.isEmpty();
    };
  }

  /**
   * Reads the keys under {@code prefix} ({@code sources.<name>.auth.}); {@code defaults} is a built-in source's auth,
   * null for a source the configuration declares, which must then name its scheme.
   */
  static AuthConfig read(ConfigReader config, String prefix, AuthConfig defaults) {
    AuthScheme scheme = config.string(prefix + "type")
        .map(value -> AuthScheme.parse(config.name(prefix + "type"), value))
        .orElseGet(() -> {
          if (defaults == null) {
            throw new ConfigException(prefix + "type", "is required: hmac, standard-webhooks, token or none");
          }
          return defaults.scheme();
        });
    String header = config.string(prefix + "header").orElse(defaults == null ? null : defaults.header());
    SignatureEncoding encoding = config.string(prefix + "encoding")
        .map(value -> parseEncoding(config.name(prefix + "encoding"), value))
        .orElse(defaults == null ? SignatureEncoding.HEX : defaults.encoding());
    List<String> secrets = config.secretList(prefix + "secrets");
    List<String> tokens = config.secretList(prefix + "tokens");
    if (scheme == AuthScheme.HMAC && header == null) {
      throw new ConfigException(prefix + "header", "is required for hmac: the header that carries the signature");
    }
    if (scheme == AuthScheme.STANDARD_WEBHOOKS) {
      for (int i = 0; i < secrets.size(); i++) {
        if (!StandardWebhooksSecret.isValid(secrets.get(i))) {
          throw new ConfigException(config.name(prefix + "secrets") + "[" + i + "]",
              "is not a Standard Webhooks secret (whsec_ followed by base64)");
        }
      }
    }
    if (scheme == AuthScheme.TOKEN && !secrets.isEmpty() && header == null) {
      throw new ConfigException(prefix + "header", "is required when a token source also has signing secrets");
    }
    return new AuthConfig(scheme, header, encoding, secrets, tokens);
  }

  private static SignatureEncoding parseEncoding(String key, String value) {
    return switch (value.toLowerCase()) {
      case "hex" -> SignatureEncoding.HEX;
      case "base64" -> SignatureEncoding.BASE64;
      default -> throw new ConfigException(key, "must be hex or base64, got '" + value + "'");
    };
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
