package io.alertgate.config;

import java.util.List;
import java.util.Optional;

/**
 * The {@code admin} section.
 *
 * @param port  admin port
 * @param token the admin API's bearer token; generated on first start when not set
 */
public record AdminSettings(int port, Optional<SecretValue> token) {

  private static final ConfigKey PORT = ConfigKey.of("admin.port", "ALERTGATE_ADMIN_PORT");
  private static final ConfigKey TOKEN = ConfigKey.of("admin.token", "ALERTGATE_ADMIN_TOKEN");
  static final List<ConfigKey> KEYS = List.of(PORT, TOKEN);

  // A bearer token short enough to guess is no better than none.
  private static final int MIN_TOKEN = 16;

  static AdminSettings read(ConfigReader config) {
    Optional<String> token = config.string(TOKEN.path());
    if (token.isPresent() && token.get().length() < MIN_TOKEN) {
      throw new ConfigException(config.name(TOKEN.path()), "must be at least " + MIN_TOKEN + " characters");
    }
    return new AdminSettings(config.port(PORT.path(), 9090), token.map(SecretValue::new));
  }
}
