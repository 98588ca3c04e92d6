package io.alertgate.config;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code destinations} section: each named destination, read by path under its name like a source. */
public final class DestinationSettings {

  static final List<ConfigKey> KEYS = List.of();
  /**
   * The types a relay can deliver to: those of the delivery stage's registry of types, which
   * this leaf cannot name; a test keeps the two the same.
   */
  public static final List<String> TYPES = List.of("jira", "pagerduty", "stackstorm", "webhook");

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private DestinationSettings() {
  }

  /** Lower-case letters, digits, - and _, starting with a letter or digit, at most 63: a destination's name. */
  public static boolean validName(String name) {
    return NAME.matcher(name).matches();
  }

  static Map<String, DestinationConfig> read(ConfigReader config) {
    JsonObject declared = config.section("destinations");
    Map<String, DestinationConfig> destinations = new LinkedHashMap<>();
    for (String name : declared.fieldNames()) {
      String prefix = "destinations." + name;
      if (!validName(name)) {
        throw new ConfigException(prefix, "is not a valid destination name (lower-case letters, digits, - and _)");
      }
      String type = config.string(prefix + ".type").orElseThrow(() ->
          new ConfigException(prefix + ".type", "is required: " + String.join(", ", TYPES)));
      if (!TYPES.contains(type)) {
        throw new ConfigException(prefix + ".type", "must be one of " + String.join(", ", TYPES) + ", got '" + type
            + "'");
      }
      JsonObject settings = config.section(prefix).copy();
      settings.remove("type");
      settings.remove("enabled");
      destinations.put(name, new DestinationConfig(name, type, config.bool(prefix + ".enabled", true), settings));
    }
    return destinations;
  }
}
