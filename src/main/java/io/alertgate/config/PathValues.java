package io.alertgate.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of values already found in the configuration tree, for sections whose values sit in lists (a list's
 * items have no dotted path to look up). A wrong value fails with the path given, such as
 * {@code routing.rules[2].continue}; what a user wrote is echoed only with control characters replaced and cut short,
 * and only where it cannot be a secret.
 */
final class PathValues {

  private static final int MAX_SHOWN = 64;

  private PathValues() {
  }

  static boolean bool(Object value, String path, boolean fallback) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(path, "must be true or false, got '" + shown(value.toString()) + "'");
    };
  }

  /** A section of keys; absent is an empty one. */
  static JsonObject section(Object value, String path) {
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject object)) {
      throw new ConfigException(path, "must be a section of keys");
    }
    return object;
  }

  /** A string, a number or a boolean as text; absent is null. */
  static String scalar(Object value, String path) {
    if (value instanceof JsonObject || value instanceof JsonArray) {
      throw new ConfigException(path, "must be a single value, not a list or a section");
    }
    return value == null ? null : value.toString();
  }

  /** Trimmed text of 1 to {@code max} characters, none of them control characters; absent is null. */
  static String text(Object value, String path, int max) {
    String text = scalar(value, path);
    if (text == null) {
      return null;
    }
    text = text.strip();
    if (text.isEmpty() || text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
      throw new ConfigException(path, "must be text of 1 to " + max + " characters on one line");
    }
    return text;
  }

  /**
   * A list of non-empty strings; one string alone is a list of one, absent an empty list. A wrong item is named by
   * its position and never echoed, so secrets may be read this way.
   */
  static List<String> strings(Object value, String path) {
    List<String> items = new ArrayList<>();
    if (value == null) {
      return items;
    }
    if (value instanceof String single) {
      value = new JsonArray().add(single);
    }
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(path, "must be a list of strings");
    }
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String item) || item.isBlank()) {
        throw new ConfigException(path + "[" + i + "]", "must be a non-empty string");
      }
      items.add(item.trim());
    }
    return items;
  }

  /** A list of items of any kind, for the caller to read one by one; one value alone is a list of one. */
  static JsonArray list(Object value, String path) {
    if (value == null) {
      return new JsonArray();
    }
    if (value instanceof JsonArray array) {
      return array;
    }
    if (value instanceof JsonObject) {
      throw new ConfigException(path, "must be a list");
    }
    return new JsonArray().add(value);
  }

  /** Fails on the first key of the section that is not one of {@code known}, naming it and the keys there are. */
  static void onlyKeys(JsonObject section, String path, Set<String> known, String what) {
    for (String key : section.fieldNames()) {
      if (!known.contains(key)) {
        throw new ConfigException(path + "." + shown(key), "is not " + what + " (" + String.join(", ",
            new TreeSet<>(known)) + ")");
      }
    }
  }

  /** A value the user wrote, safe to print: on one line and short. */
  static String shown(String value) {
    String clean = value.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= MAX_SHOWN ? clean : clean.substring(0, MAX_SHOWN) + "...";
  }
}
