package io.alertgate.config;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayConfigTest {

  @Test
  @DisplayName("With nothing set: documented defaults, the three built-in sources with their default auth")
  void defaults() {
    GatewayConfig config = GatewayConfig.parse(new JsonObject(), Map.of());
    assertEquals(8080, config.http().port());
    assertEquals(9090, config.admin().port());
    assertEquals(1024 * 1024, config.http().maxBodyBytes());
    assertTrue(config.database().external().isEmpty());
    assertEquals(Path.of("./data").toAbsolutePath().normalize(), config.database().dataDir());
    assertEquals(List.of("elastic", "sentinel", "splunk"), List.copyOf(config.sources().keySet()));
    assertEquals(AuthScheme.HMAC, config.sources().get("elastic").auth().scheme());
    assertEquals("X-Elastic-Signature", config.sources().get("elastic").auth().header());
    assertEquals("X-Sentinel-Signature", config.sources().get("sentinel").auth().header());
    assertEquals(AuthScheme.TOKEN, config.sources().get("splunk").auth().scheme());
    assertTrue(config.ingest().generateSecrets());
    assertEquals(300, config.ingest().timestampToleranceSecs());
  }

  @Test
  @DisplayName("Environment variables override the YAML; secret variables take comma-separated lists")
  void environmentOverrides() {
    JsonObject yaml = new JsonObject().put("http", new JsonObject().put("port", 7000))
        .put("sources", new JsonObject().put("elastic", new JsonObject()
            .put("auth", new JsonObject().put("secrets", new JsonArray().add("from-yaml")))));
    GatewayConfig config = GatewayConfig.parse(yaml, Map.of(
        "ALERTGATE_HTTP_PORT", "8181",
        "ALERTGATE_ADMIN_PORT", "9191",
        "ALERTGATE_MAX_BODY_BYTES", "2048",
        "ALERTGATE_DB_URL", "postgresql://ag:p%40ss@db.example:6543/alerts",
        "ELASTIC_SIEM_WEBHOOK_SECRET", "new-secret, old-secret",
        "SPLUNK_WEBHOOK_TOKEN", "tok",
        "SPLUNK_WEBHOOK_SECRET", "sig"));
    assertEquals(8181, config.http().port());
    assertEquals(9191, config.admin().port());
    assertEquals(2048, config.http().maxBodyBytes());
    DatabaseConfig.Endpoint db = config.database().external().orElseThrow();
    assertEquals(List.of("db.example", 6543, "alerts", "ag", "p@ss"),
        List.of(db.host(), db.port(), db.database(), db.user(), db.password()));
    assertEquals(List.of("new-secret", "old-secret"), config.sources().get("elastic").auth().secrets());
    assertEquals(List.of("tok"), config.sources().get("splunk").auth().tokens());
    assertEquals(List.of("sig"), config.sources().get("splunk").auth().secrets());
  }

  @Test
  @DisplayName("Database URLs: '+' in a password, compose service names, sslmode, and nothing else")
  void databaseUrls() {
    DatabaseConfig.Endpoint db = GatewayConfig.parse(new JsonObject(), Map.of("ALERTGATE_DB_URL",
        "postgresql://ag:a+b%2Fc@alertgate_db:5433/alerts?sslmode=verify-full")).database().external().orElseThrow();
    assertEquals(List.of("alertgate_db", 5433, "alerts", "ag", "a+b/c", DatabaseConfig.Tls.VERIFY_FULL),
        List.of(db.host(), db.port(), db.database(), db.user(), db.password(), db.tls()));
    assertEquals("jdbc:postgresql://alertgate_db:5433/alerts?sslmode=verify-full", db.jdbcUrl());
    assertFalse(db.toString().contains("a+b"));
    assertEquals(DatabaseConfig.Tls.DISABLE, GatewayConfig.parse(new JsonObject(),
        Map.of("ALERTGATE_DB_URL", "postgresql://h/d")).database().external().orElseThrow().tls());
    assertMessage("Invalid configuration: ALERTGATE_DB_URL has an option this gateway does not support (only sslmode): "
        + "connect_timeout", new JsonObject(), Map.of("ALERTGATE_DB_URL", "postgresql://h/d?connect_timeout=3"));
    assertMessage("Invalid configuration: ALERTGATE_DB_URL has sslmode 'prefer'; use disable, require, verify-ca or "
        + "verify-full", new JsonObject(), Map.of("ALERTGATE_DB_URL", "postgresql://h/d?sslmode=prefer"));
    assertMessage("Invalid configuration: ALERTGATE_DB_URL has a port that is not a number",
        new JsonObject(), Map.of("ALERTGATE_DB_URL", "postgresql://h:x/d"));
  }

  @Test
  @DisplayName("A wrong value stops start-up with one message naming the variable the user set")
  void invalidValuesNameTheirKey() {
    assertMessage("Invalid configuration: ALERTGATE_HTTP_PORT must be a whole number, got 'eighty'",
        new JsonObject(), Map.of("ALERTGATE_HTTP_PORT", "eighty"));
    assertMessage("Invalid configuration: http.port must be between 0 and 65535, got 70000",
        new JsonObject().put("http", new JsonObject().put("port", 70000)), Map.of());
    assertMessage("Invalid configuration: ALERTGATE_MAX_BODY_BYTES must be between 1024 and 67108864, got 1",
        new JsonObject(), Map.of("ALERTGATE_MAX_BODY_BYTES", "1"));
    assertMessage("Invalid configuration: ALERTGATE_DB_URL must start with postgresql:// "
        + "(form postgresql://user:password@host:port/database)", new JsonObject(), Map.of("ALERTGATE_DB_URL", "mysql://x/y"));
    assertMessage("Invalid configuration: ALERTGATE_DB_URL has no database name "
        + "(form postgresql://user:password@host:port/database)", new JsonObject(), Map.of("ALERTGATE_DB_URL", "postgresql://h:5432"));
    assertMessage("Invalid configuration: ALERTGATE_GENERATE_SECRETS must be true or false, got 'maybe'",
        new JsonObject(), Map.of("ALERTGATE_GENERATE_SECRETS", "maybe"));
  }

  @Test
  @DisplayName("Generic sources: auth type required, none only when written, names and pointers checked")
  void genericSources() {
    assertMessage("Invalid configuration: sources.app.auth.type is required: hmac, standard-webhooks, token or none",
        sources(new JsonObject().put("app", new JsonObject())), Map.of());
    assertMessage("Invalid configuration: sources.app.auth.type must be one of hmac, standard-webhooks, token, none, got 'basic'",
        sources(new JsonObject().put("app", auth(new JsonObject().put("type", "basic")))), Map.of());
    assertMessage("Invalid configuration: sources.app.auth.header is required for hmac: the header that carries the signature",
        sources(new JsonObject().put("app", auth(new JsonObject().put("type", "hmac")))), Map.of());
    assertMessage("Invalid configuration: sources.Bad Name is not a valid source name (lower-case letters, digits, - and _)",
        sources(new JsonObject().put("Bad Name", auth(new JsonObject().put("type", "none")))), Map.of());
    assertMessage("Invalid configuration: sources.app.dedup_pointer must be a JSON pointer such as /event/id",
        sources(new JsonObject().put("app", auth(new JsonObject().put("type", "none")).put("dedup_pointer", "event.id"))),
        Map.of());
    GatewayConfig config = GatewayConfig.parse(sources(new JsonObject()
        .put("open", auth(new JsonObject().put("type", "none")))
        .put("elastic-eu", auth(new JsonObject().put("type", "hmac").put("header", "X-Sig")).put("vendor", "elastic"))),
        Map.of());
    assertEquals(AuthScheme.NONE, config.sources().get("open").auth().scheme());
    assertEquals(Vendor.GENERIC, config.sources().get("open").vendor());
    assertEquals(Vendor.ELASTIC, config.sources().get("elastic-eu").vendor());
  }

  @Test
  @DisplayName("A malformed Standard Webhooks secret is named by position, never echoed")
  void badWhsecNotEchoed() {
    ConfigException error = assertThrows(ConfigException.class, () -> GatewayConfig.parse(sources(new JsonObject()
        .put("app", auth(new JsonObject().put("type", "standard-webhooks")
            .put("secrets", new JsonArray().add("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").add("topsecret-not-whsec"))))),
        Map.of()));
    assertEquals("Invalid configuration: sources.app.auth.secrets[1] is not a Standard Webhooks secret "
        + "(whsec_ followed by base64)", error.getMessage());
  }

  @Test
  @DisplayName("Printing the configuration never prints a secret, token or database password")
  void toStringRedacts() {
    GatewayConfig config = GatewayConfig.parse(new JsonObject(), Map.of(
        "ELASTIC_SIEM_WEBHOOK_SECRET", "elastic-secret-value", "SPLUNK_WEBHOOK_TOKEN", "splunk-token-value",
        "ALERTGATE_DB_URL", "postgresql://u:db-password-value@h:5432/d"));
    String printed = config.toString();
    for (String secret : List.of("elastic-secret-value", "splunk-token-value", "db-password-value")) {
      assertFalse(printed.contains(secret), "leaks " + secret + ": " + printed);
    }
  }

  @Test
  @DisplayName("vertx-config reads the YAML file named by ALERTGATE_CONFIG; a missing or broken file is reported")
  void loadsYamlFile(@TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Path file = dir.resolve("gw.yaml");
      Files.writeString(file, "http:\n  port: 8181\nadmin:\n  port: 9191\n");
      GatewayConfig config = ConfigLoader.load(vertx, Map.of("ALERTGATE_CONFIG", file.toString()))
          .await(20, TimeUnit.SECONDS);
      assertEquals(8181, config.http().port());
      assertEquals(9191, config.admin().port());

      Exception missing = assertThrows(Exception.class, () -> ConfigLoader.load(vertx,
          Map.of("ALERTGATE_CONFIG", dir.resolve("nope.yaml").toString())).await(20, TimeUnit.SECONDS));
      assertTrue(missing.getMessage().startsWith("Invalid configuration: ALERTGATE_CONFIG names a file that does not exist"));

      Files.writeString(file, "sources:\n  elastic:\n    auth:\n      secrets: [\"s3cr3t-value-in-yaml]\n");
      Exception broken = assertThrows(Exception.class, () -> ConfigLoader.load(vertx,
          Map.of("ALERTGATE_CONFIG", file.toString())).await(20, TimeUnit.SECONDS));
      assertTrue(broken.getMessage().contains("could not be read as YAML: line "), broken.getMessage());
      assertFalse(broken.getMessage().contains("s3cr3t"), "the parser's message quoted the secret: " + broken.getMessage());
    } finally {
      vertx.close();
    }
  }

  private static JsonObject sources(JsonObject sources) {
    return new JsonObject().put("sources", sources);
  }

  private static JsonObject auth(JsonObject auth) {
    return new JsonObject().put("auth", auth);
  }

  private static void assertMessage(String expected, JsonObject yaml, Map<String, String> env) {
    ConfigException error = assertThrows(ConfigException.class, () -> GatewayConfig.parse(yaml, env));
    assertEquals(expected, error.getMessage());
  }
}
