package io.alertgate.config;

import io.vertx.core.json.JsonObject;

/**
 * One named destination as configured: its type, whether it is on, and the type's own settings, which its
 * connector reads and checks when the relay starts (the configuration knows no destination type's fields).
 *
 * @param settings the section as written; it may hold secrets, so it is never printed
 */
public record DestinationConfig(String name, String type, boolean enabled, JsonObject settings) {

  @Override
  public String toString() {
    return "DestinationConfig[" + name + ", " + type + (enabled ? "" : ", off") + "]";
  }
}
