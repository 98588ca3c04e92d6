package io.alertgate.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The environment variables that override {@code conf/alertgate.yaml}, and the YAML path each one replaces, as the
 * sections declare them in their {@link ConfigKey}s. Secrets and tokens take a comma-separated list.
 */
public final class EnvOverrides {

  /** Each variable and the key it sets, from the sections' declarations so that a new setting is declared once. */
  private static final Map<String, ConfigKey> BY_VARIABLE = GatewayConfig.KEYS.stream()
      .filter(key -> key.variable().isPresent())
      .collect(Collectors.toMap(key -> key.variable().get(), Function.identity(), (first, second) -> {
        throw new IllegalStateException(first.variable().get() + " is declared for both " + first.path() + " and "
            + second.path());
      }, LinkedHashMap::new));

  private EnvOverrides() {
  }

  /** The variable names, for vertx-config's env store so that it reads these and nothing else. */
  public static List<String> names() {
    return List.copyOf(BY_VARIABLE.keySet());
  }

  /** The variable (or else the YAML path) that sets a source's secrets, or its tokens for a token source. */
  public static String credentialSetting(String source, boolean tokens) {
    String path = "sources." + source + ".auth." + (tokens ? "tokens" : "secrets");
    return variableFor(path).orElse(path);
  }

  /** The variable that sets a path, if there is one. */
  public static Optional<String> variableFor(String path) {
    return BY_VARIABLE.values().stream()
        .filter(key -> key.path().equals(path))
        .findFirst()
        .flatMap(ConfigKey::variable);
  }

  /** The name a user would look for when a value is wrong: the variable when it was set, else the YAML path. */
  public static String describe(String path, Map<String, String> env) {
    return variableFor(path).filter(variable -> present(env.get(variable))).orElse(path);
  }

  /** Returns a copy of the YAML tree with every set variable written over its path. */
  public static JsonObject apply(JsonObject yaml, Map<String, String> env) {
    JsonObject merged = yaml.copy();
    BY_VARIABLE.forEach((name, key) -> {
      String value = env.get(name);
      if (present(value)) {
        put(merged, key.path(), key.list() ? splitList(value) : value.trim());
      }
    });
    return merged;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static JsonArray splitList(String value) {
    JsonArray items = new JsonArray();
    Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
    return items;
  }

  /** Writes a value at a dotted path, making the sections on the way that are not there yet. */
  static void put(JsonObject root, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.getValue(parts[i]);
      if (!(child instanceof JsonObject)) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = (JsonObject) child;
    }
    node.put(parts[parts.length - 1], value);
  }
}
