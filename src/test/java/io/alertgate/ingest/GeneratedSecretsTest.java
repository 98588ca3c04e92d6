package io.alertgate.ingest;

import io.alertgate.config.GatewayConfig;
import io.alertgate.digest.Digests;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratedSecretsTest {

  private static final String BODY = "{\"kibana.alert.uuid\":\"gen-1\"}";

  @BeforeEach
  void clean() {
    TestDatabase.truncate();
  }

  @Test
  @DisplayName("First start without secrets: generated, stored, printed once, and they work; a restart prints nothing")
  void firstStart() {
    String secret;
    String token;
    String admin;
    try (RunningGateway gw = RunningGateway.start(config(Map.of()))) {
      String console = gw.console();
      secret = printed(console, "ELASTIC_SIEM_WEBHOOK_SECRET");
      printed(console, "SENTINEL_WEBHOOK_SECRET");
      token = printed(console, "SPLUNK_WEBHOOK_TOKEN");
      admin = printed(console, "ALERTGATE_ADMIN_TOKEN");
      assertEquals(4, TestDatabase.count("SELECT count(*) FROM generated_secret"));
      assertEquals(200, adminStatus(gw, admin));
      assertEquals(202, elastic(gw, secret).statusCode());
      assertEquals(202, gw.send(gw.post("splunk").putHeader("Authorization", "Bearer " + token), "{\"event_id\":\"n1\"}")
          .statusCode());
      String sources = gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/api/v1/sources")
          .putHeader("Authorization", "Bearer " + admin).send()).bodyAsString();
      JsonObject elastic = new JsonObject(sources).getJsonArray("sources").getJsonObject(0);
      assertEquals("elastic", elastic.getString("name"));
      assertTrue(elastic.getBoolean("secret_generated") && elastic.getBoolean("enabled"), sources);
      assertFalse(sources.contains(secret) || sources.contains(token) || sources.contains(admin), "a secret listed");
    }
    // Only the admin token's digest is kept: a copy of the database does not open the admin API.
    assertEquals(io.alertgate.digest.Digests.sha256Hex(admin),
        TestDatabase.text("SELECT value FROM generated_secret WHERE source = '_admin'"));
    assertEquals(0, TestDatabase.count("SELECT count(*) FROM generated_secret WHERE value = '" + admin + "'"));
    try (RunningGateway gw = RunningGateway.start(config(Map.of()))) {
      assertFalse(gw.console().contains(secret), "printed again on the second start");
      assertEquals("", gw.console().strip());
      assertEquals(200, elastic(gw, secret).statusCode());
      assertEquals(200, adminStatus(gw, admin), "the printed token still opens the admin API after a restart");
      assertEquals(401, adminStatus(gw, TestDatabase.text("SELECT value FROM generated_secret WHERE source = '_admin'")),
          "the stored digest is not a token");
    }
  }

  private static int adminStatus(RunningGateway gw, String token) {
    return gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/api/v1/alerts")
        .putHeader("Authorization", "Bearer " + token).send()).statusCode();
  }

  @Test
  @DisplayName("With any secret configured nothing is generated, and sources left without one refuse requests")
  void configuredSecretPreventsGeneration() {
    try (RunningGateway gw = RunningGateway.start(config(Map.of("ELASTIC_SIEM_WEBHOOK_SECRET", "mine",
        "ALERTGATE_ADMIN_TOKEN", "my-admin-token-of-16+")))) {
      assertEquals("", gw.console().strip());
      assertEquals(0, TestDatabase.count("SELECT count(*) FROM generated_secret"));
      assertEquals(202, elastic(gw, "mine").statusCode());
      JsonObject refused = gw.send(gw.post("sentinel").putHeader("X-Sentinel-Signature", "00"), BODY).bodyAsJsonObject();
      assertEquals("source_not_configured", refused.getString("error"));
      assertTrue(refused.getString("message").contains("SENTINEL_WEBHOOK_SECRET"));
    }
  }

  @Test
  @DisplayName("ALERTGATE_GENERATE_SECRETS=false: nothing is generated and every source refuses")
  void generationOff() {
    try (RunningGateway gw = RunningGateway.start(config(Map.of("ALERTGATE_GENERATE_SECRETS", "false")))) {
      assertEquals(0, TestDatabase.count("SELECT count(*) FROM generated_secret"));
      assertEquals("source_not_configured", elastic(gw, "anything").bodyAsJsonObject().getString("error"));
      JsonObject refused = gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/api/v1/alerts")
          .putHeader("Authorization", "Bearer whatever-you-like").send()).bodyAsJsonObject();
      assertEquals("No admin token is configured: set ALERTGATE_ADMIN_TOKEN", refused.getString("message"));
    }
  }

  @Test
  @DisplayName("Setting ALERTGATE_ADMIN_TOKEN retires the generated one for good")
  void configuredAdminTokenRetiresGenerated() {
    try (RunningGateway gw = RunningGateway.start(config(Map.of()))) {
      assertEquals(1, TestDatabase.count("SELECT count(*) FROM generated_secret WHERE source = '_admin'"));
    }
    try (RunningGateway gw = RunningGateway.start(config(Map.of("ALERTGATE_ADMIN_TOKEN", "a-configured-admin-token")))) {
      assertEquals(0, TestDatabase.count("SELECT count(*) FROM generated_secret WHERE source = '_admin'"));
    }
  }

  @Test
  @DisplayName("Viewer tokens alone keep the generated admin token; an admin token declared by its digest retires it")
  void declaredTokensAndTheGeneratedOne() {
    String generated;
    try (RunningGateway gw = RunningGateway.start(config(Map.of()))) {
      generated = printed(gw.console(), "ALERTGATE_ADMIN_TOKEN");
    }
    String viewer = "a-viewer-token-for-dashboards";
    try (RunningGateway gw = RunningGateway.start(config(Map.of("ALERTGATE_ADMIN_TOKENS",
        "ro:viewer:" + Digests.sha256Hex(viewer))))) {
      assertEquals(200, adminStatus(gw, generated));
      assertEquals(200, adminStatus(gw, viewer));
    }
    String admin = "an-admin-token-declared-by-digest";
    try (RunningGateway gw = RunningGateway.start(config(Map.of("ALERTGATE_ADMIN_TOKENS",
        "ops:admin:" + Digests.sha256Hex(admin))))) {
      assertEquals(0, TestDatabase.count("SELECT count(*) FROM generated_secret WHERE source = '_admin'"));
      assertEquals(401, adminStatus(gw, generated));
      assertEquals(200, adminStatus(gw, admin));
    }
  }

  private static GatewayConfig config(Map<String, String> env) {
    JsonObject yaml = new JsonObject()
        .put("http", new JsonObject().put("port", 0).put("instances", 1))
        .put("admin", new JsonObject().put("port", 0))
        .put("database", new JsonObject().put("url", TestDatabase.url()).put("pool_size", 4).put("require_fsync", false)
            .put("data_dir", TestConfigs.DATA_DIR.toString()));
    return GatewayConfig.parse(yaml, env);
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> elastic(RunningGateway gw, String secret) {
    return gw.send(gw.post("elastic").putHeader("X-Elastic-Signature", Signatures.hex(secret, BODY)), BODY);
  }

  private static String printed(String console, String variable) {
    Matcher matcher = Pattern.compile(variable + "=([0-9a-f]{64})").matcher(console);
    assertTrue(matcher.find(), variable + " not printed in: " + console);
    return matcher.group(1);
  }
}
