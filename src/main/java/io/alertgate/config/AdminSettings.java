package io.alertgate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code admin} section.
 *
 * @param port   admin port
 * @param token  the admin API's bearer token; generated on first start when no admin token is configured
 * @param tokens more tokens, each with its role, given by their digests: viewers, and admins for a rotation
 */
public record AdminSettings(int port, Optional<SecretValue> token, List<AdminToken> tokens) {

  /** The id logs and the audit give {@code admin.token} (ALERTGATE_ADMIN_TOKEN); declared ids have no dot. */
  public static final String TOKEN_ID = "admin.token";

  private static final ConfigKey PORT = ConfigKey.of("admin.port", "ALERTGATE_ADMIN_PORT");
  private static final ConfigKey TOKEN = ConfigKey.of("admin.token", "ALERTGATE_ADMIN_TOKEN");
  private static final ConfigKey TOKENS = ConfigKey.commaSeparated("admin.tokens", "ALERTGATE_ADMIN_TOKENS");
  static final List<ConfigKey> KEYS = List.of(PORT, TOKEN, TOKENS);

  // A bearer token short enough to guess is no better than none.
  private static final int MIN_TOKEN = 16;

  public AdminSettings {
    tokens = List.copyOf(tokens);
  }

  static AdminSettings read(ConfigReader config) {
    Optional<String> token = config.string(TOKEN.path());
    if (token.isPresent() && token.get().length() < MIN_TOKEN) {
      throw new ConfigException(config.name(TOKEN.path()), "must be at least " + MIN_TOKEN + " characters");
    }
    Optional<SecretValue> secret = token.map(SecretValue::new);
    List<AdminToken> configured = secret.map(AdminSettings::configuredToken).stream().toList();
    List<AdminToken> declared = new AdminTokenReader(config.name(TOKENS.path()), configured)
        .read(config.list(TOKENS.path()));
    return new AdminSettings(config.port(PORT.path(), 9090), secret, declared);
  }

  /** Every token the configuration gives: {@code admin.token} as an admin token first, then the declared ones. */
  public List<AdminToken> configuredTokens() {
    List<AdminToken> all = new ArrayList<>(token.map(AdminSettings::configuredToken).stream().toList());
    all.addAll(tokens);
    return List.copyOf(all);
  }

  /** Whether the configuration gives an admin token of its own, which makes a generated one unneeded. */
  public boolean hasAdminToken() {
    return configuredTokens().stream().anyMatch(t -> t.role() == AdminRole.ADMIN);
  }

  private static AdminToken configuredToken(SecretValue token) {
    return AdminToken.ofSecret(TOKEN_ID, AdminRole.ADMIN, token);
  }
}
