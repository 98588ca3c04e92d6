package io.alertgate.config;

import java.util.Optional;

/**
 * The {@code admin} section.
 *
 * @param port  admin port
 * @param token the admin API's bearer token; generated on first start when not set
 */
public record AdminSettings(int port, Optional<SecretValue> token) {

  // A bearer token short enough to guess is no better than none.
  private static final int MIN_TOKEN = 16;

  static AdminSettings read(ConfigReader config) {
    Optional<String> token = config.string("admin.token");
    if (token.isPresent() && token.get().length() < MIN_TOKEN) {
      throw new ConfigException(config.name("admin.token"), "must be at least " + MIN_TOKEN + " characters");
    }
    return new AdminSettings(config.port("admin.port", 9090), token.map(SecretValue::new));
  }
}
