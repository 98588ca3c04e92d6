package io.alertgate.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads from the merged configuration tree. Values set through the environment arrive as strings,
 * so numbers and booleans are accepted in both forms; a wrong value fails with the key the user set.
 */
final class ConfigReader {

  private static final int MAX_PORT = 65_535;

  private final JsonObject root;
  private final Map<String, String> env;
  // Every path asked for, so a test can hold them against the declared keys: a read that is not declared would
  // have no variable and no row in the README.
  private final Set<String> read = new LinkedHashSet<>();

  ConfigReader(JsonObject root, Map<String, String> env) {
    this.root = root;
    this.env = env;
  }

  int integer(String path, int fallback, long min, long max) {
    Object value = raw(path);
    if (value == null) {
      return fallback;
    }
    long parsed;
    if (value instanceof Number number && number.doubleValue() == number.longValue()) {
      parsed = number.longValue();
    } else if (value instanceof String text && text.trim().matches("-?\\d{1,18}")) {
      parsed = Long.parseLong(text.trim());
    } else {
      throw new ConfigException(name(path), "must be a whole number, got '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(name(path), "must be between " + min + " and " + max + ", got " + parsed);
    }
    return (int) parsed;
  }

  /** A port to listen on; 0 takes any free one, as tests do. */
  int port(String path, int fallback) {
    return integer(path, fallback, 0, MAX_PORT);
  }

  boolean bool(String path, boolean fallback) {
    Object value = raw(path);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim().toLowerCase();
    return switch (text) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(name(path), "must be true or false, got '" + value + "'");
    };
  }

  Optional<String> string(String path) {
    Object value = raw(path);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof JsonObject || value instanceof JsonArray) {
      throw new ConfigException(name(path), "must be a single value, not a list or a section");
    }
    String text = value.toString().trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** A list of secret strings; a value that is not a string is named by position, never echoed. */
  List<String> secretList(String path) {
    Object value = raw(path);
    List<String> items = new ArrayList<>();
    if (value == null) {
      return items;
    }
    if (value instanceof String text) {
      value = new JsonArray().add(text);
    }
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(name(path), "must be a list of strings");
    }
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (!(item instanceof String text) || text.isBlank()) {
        throw new ConfigException(name(path) + "[" + i + "]", "must be a non-empty string");
      }
      items.add(text.trim());
    }
    return items;
  }

  JsonObject section(String path) {
    Object value = raw(path);
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject object)) {
      throw new ConfigException(name(path), "must be a section of keys");
    }
    return object;
  }

  String name(String path) {
    return EnvOverrides.describe(path, env);
  }

  Set<String> pathsRead() {
    return Set.copyOf(read);
  }

  private Object raw(String path) {
    read.add(path);
    Object node = root;
    for (String part : path.split("\\.")) {
      if (!(node instanceof JsonObject object)) {
        return null;
      }
      node = object.getValue(part);
    }
    return node;
  }
}
