package io.alertgate.support;

import io.alertgate.config.GatewayConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Gateway configurations for tests: random ports, the shared test database, known secrets. */
public final class TestConfigs {

  public static final String ELASTIC_SECRET = "elastic-test-secret-\u00e9\u6f22";
  public static final String ELASTIC_OLD_SECRET = "elastic-previous-secret";
  public static final String SENTINEL_SECRET = "sentinel-test-secret";
  public static final String SPLUNK_TOKEN = "splunk-test-token";
  public static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  public static final String ADMIN_TOKEN = "admin-test-token";
  /** Every secret and token above, with the ones {@link #yaml()} writes inline: no answer may show one. */
  public static final List<String> SECRETS = List.of(ELASTIC_SECRET, ELASTIC_OLD_SECRET, SENTINEL_SECRET,
      SPLUNK_TOKEN, WHSEC, ADMIN_TOKEN, "base64-secret", "It's a Secret to Everybody");

  private TestConfigs() {
  }

  /** Where a test gateway keeps its master key: a temp directory, never the user's ./data. */
  public static final Path DATA_DIR = dataDir();

  private static Path dataDir() {
    try {
      Path dir = Files.createTempDirectory("alertgate-test-data");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        File[] files = dir.toFile().listFiles();
        for (File file : files == null ? new File[0] : files) {
          file.delete();
        }
        dir.toFile().delete();
      }));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Built-in sources with secrets, plus a Standard Webhooks source {@code app} and a base64 HMAC source. */
  public static JsonObject yaml() {
    return new JsonObject()
        .put("http", new JsonObject().put("port", 0).put("instances", 2).put("body_timeout_seconds", 2))
        .put("admin", new JsonObject().put("port", 0).put("token", ADMIN_TOKEN))
        // Ingest tests see the inbox alone; the pipeline tests turn normalization on.
        .put("pipeline", new JsonObject().put("enabled", false))
        .put("database", new JsonObject().put("url", TestDatabase.url()).put("pool_size", 8)
            // Where the master key is generated: never the user's ./data.
            .put("data_dir", DATA_DIR.toString())
            // The test database runs without fsync for speed: tell the gateway that is on purpose.
            .put("require_fsync", false))
        .put("sources", new JsonObject()
            .put("elastic", auth(new JsonObject().put("secrets", new JsonArray().add(ELASTIC_SECRET).add(ELASTIC_OLD_SECRET))))
            .put("sentinel", auth(new JsonObject().put("secrets", new JsonArray().add(SENTINEL_SECRET))))
            .put("splunk", auth(new JsonObject().put("tokens", new JsonArray().add(SPLUNK_TOKEN))))
            .put("app", new JsonObject().put("dedup_pointer", "/event/id")
                .put("auth", new JsonObject().put("type", "standard-webhooks").put("secrets", new JsonArray().add(WHSEC))))
            .put("github", new JsonObject()
                .put("auth", new JsonObject().put("type", "hmac").put("header", "X-Hub-Signature-256")
                    .put("secrets", new JsonArray().add("It's a Secret to Everybody"))))
            .put("b64", new JsonObject()
                .put("auth", new JsonObject().put("type", "hmac").put("header", "X-Signature").put("encoding", "base64")
                    .put("secrets", new JsonArray().add("base64-secret"))))
            .put("open", new JsonObject().put("auth", new JsonObject().put("type", "none")))
            .put("unset", new JsonObject().put("auth", new JsonObject().put("type", "hmac").put("header", "X-Sig"))));
  }

  /** As {@link #yaml()}, but with the gateway's own embedded database in {@code dataDir}. */
  public static JsonObject ownDatabaseYaml(Path dataDir) {
    JsonObject yaml = yaml();
    yaml.getJsonObject("database").remove("url");
    yaml.getJsonObject("database").put("data_dir", dataDir.toString());
    return yaml;
  }

  public static GatewayConfig config() {
    return GatewayConfig.parse(yaml(), Map.of());
  }

  private static JsonObject auth(JsonObject auth) {
    return new JsonObject().put("auth", auth);
  }
}
