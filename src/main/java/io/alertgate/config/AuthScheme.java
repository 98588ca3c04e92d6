package io.alertgate.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a source proves who it is. {@code NONE} is only ever taken when written out in the configuration. */
public enum AuthScheme {
  HMAC("hmac"),
  STANDARD_WEBHOOKS("standard-webhooks"),
  TOKEN("token"),
  NONE("none");

  private final String configName;

  AuthScheme(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  static AuthScheme parse(String key, String value) {
    return Arrays.stream(values())
        .filter(scheme -> scheme.configName.equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(() -> new ConfigException(key, "must be one of " + Arrays.stream(values())
            .map(AuthScheme::configName).collect(Collectors.joining(", ")) + ", got '" + value + "'"));
  }
}
