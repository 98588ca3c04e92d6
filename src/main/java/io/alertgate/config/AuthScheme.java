package io.alertgate.config;

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
    return ConfigEnums.parse(key, value, values(), AuthScheme::configName);
  }

}
