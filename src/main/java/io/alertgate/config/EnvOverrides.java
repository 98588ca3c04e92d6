package io.alertgate.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables that override {@code conf/alertgate.yaml}, and the YAML path each one replaces.
 * Secrets and tokens take a comma-separated list, so a rotation can run with the old and the new value at once.
 */
public final class EnvOverrides {

  private record Override(String path, boolean list) {}

  private static final Map<String, Override> OVERRIDES = new LinkedHashMap<>();

  static {
    OVERRIDES.put("ALERTGATE_HTTP_PORT", new Override("http.port", false));
    OVERRIDES.put("ALERTGATE_HTTP_INSTANCES", new Override("http.instances", false));
    OVERRIDES.put("ALERTGATE_MAX_BODY_BYTES", new Override("http.max_body_bytes", false));
    OVERRIDES.put("ALERTGATE_ADMIN_PORT", new Override("admin.port", false));
    OVERRIDES.put("ALERTGATE_ADMIN_TOKEN", new Override("admin.token", false));
    OVERRIDES.put("ALERTGATE_HTTP_BODY_TIMEOUT_SECONDS", new Override("http.body_timeout_seconds", false));
    OVERRIDES.put("ALERTGATE_SHUTDOWN_DELAY_SECONDS", new Override("shutdown.delay_seconds", false));
    OVERRIDES.put("ALERTGATE_PIPELINE_ENABLED", new Override("pipeline.enabled", false));
    OVERRIDES.put("ALERTGATE_DB_URL", new Override("database.url", false));
    OVERRIDES.put("ALERTGATE_DATA_DIR", new Override("database.data_dir", false));
    OVERRIDES.put("ALERTGATE_DB_POOL_SIZE", new Override("database.pool_size", false));
    OVERRIDES.put("ALERTGATE_DB_REQUIRE_FSYNC", new Override("database.require_fsync", false));
    OVERRIDES.put("ALERTGATE_GENERATE_SECRETS", new Override("ingest.generate_secrets", false));
    OVERRIDES.put("ALERTGATE_INGEST_BATCH_MAX_ROWS", new Override("ingest.batch_max_rows", false));
    OVERRIDES.put("ALERTGATE_INGEST_MAX_PENDING", new Override("ingest.max_pending", false));
    OVERRIDES.put("ALERTGATE_INGEST_MAX_PENDING_MIB", new Override("ingest.max_pending_mib", false));
    OVERRIDES.put("ELASTIC_SIEM_WEBHOOK_SECRET", new Override("sources.elastic.auth.secrets", true));
    OVERRIDES.put("SENTINEL_WEBHOOK_SECRET", new Override("sources.sentinel.auth.secrets", true));
    OVERRIDES.put("SPLUNK_WEBHOOK_TOKEN", new Override("sources.splunk.auth.tokens", true));
    OVERRIDES.put("SPLUNK_WEBHOOK_SECRET", new Override("sources.splunk.auth.secrets", true));
  }

  private EnvOverrides() {
  }

  /** The variable names, for vertx-config's env store so that it reads these and nothing else. */
  public static List<String> names() {
    return List.copyOf(OVERRIDES.keySet());
  }

  /** The variable (or else the YAML path) that sets a source's secrets, or its tokens for a token source. */
  public static String credentialSetting(String source, boolean tokens) {
    String path = "sources." + source + ".auth." + (tokens ? "tokens" : "secrets");
    return variableFor(path).orElse(path);
  }

  /** The variable that sets a path, if there is one. */
  public static Optional<String> variableFor(String path) {
    return OVERRIDES.entrySet().stream()
        .filter(entry -> entry.getValue().path().equals(path))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** The name a user would look for when a value is wrong: the variable when it was set, else the YAML path. */
  public static String describe(String path, Map<String, String> env) {
    for (Map.Entry<String, Override> entry : OVERRIDES.entrySet()) {
      if (entry.getValue().path().equals(path) && present(env.get(entry.getKey()))) {
        return entry.getKey();
      }
    }
    return path;
  }

  /** Returns a copy of the YAML tree with every set variable written over its path. */
  public static JsonObject apply(JsonObject yaml, Map<String, String> env) {
    JsonObject merged = yaml.copy();
    OVERRIDES.forEach((name, override) -> {
      String value = env.get(name);
      if (present(value)) {
        put(merged, override.path(), override.list() ? splitList(value) : value.trim());
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

  private static void put(JsonObject root, String path, Object value) {
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
