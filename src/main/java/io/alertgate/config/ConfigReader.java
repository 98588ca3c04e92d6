package io.alertgate.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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
    return PathValues.bool(raw(path), name(path), fallback);
  }

  Optional<String> string(String path) {
    return Optional.ofNullable(PathValues.scalar(raw(path), name(path))).map(String::trim)
        .filter(text -> !text.isEmpty());
  }

  /** A list of secret strings; a value that is not a string is named by position, never echoed. */
  List<String> secretList(String path) {
    return PathValues.strings(raw(path), name(path));
  }

  /** A list whose items the caller reads, naming each by its position under {@link #name(String)}. */
  JsonArray list(String path) {
    return PathValues.list(raw(path), name(path));
  }

  JsonObject section(String path) {
    return PathValues.section(raw(path), name(path));
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
