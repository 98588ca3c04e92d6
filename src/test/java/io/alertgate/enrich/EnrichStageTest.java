package io.alertgate.enrich;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertgate.config.GatewayConfig;
import io.alertgate.support.AlertSchema;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.alertgate.support.Eventually.waitUntil;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Enrichment end to end: signed alerts in, a fake VirusTotal and AbuseIPDB on loopback answering with the vendors'
 * bodies, and a webhook receiver that gets the alert with its verdict.
 */
class EnrichStageTest {

  private static final String VT_KEY = "vt-test-key-0c1d9e";
  private static final String ABUSE_KEY = "abuse-test-key-77aa";

  private Vertx others;
  private HttpServer providers;
  private HttpServer receiver;
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private final List<JsonObject> delivered = new CopyOnWriteArrayList<>();
  private final AtomicLong virusTotalDelayMs = new AtomicLong();
  private final AtomicInteger throttled = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    TestDatabase.truncate();
    others = Vertx.vertx();
    providers = await(others.createHttpServer().requestHandler(this::provide).listen(0, "127.0.0.1"));
    receiver = await(others.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      delivered.add(new JsonObject(body));
      request.response().setStatusCode(204).end();
    })).listen(0, "127.0.0.1"));
  }

  @AfterEach
  void tearDown() throws Exception {
    await(others.close());
  }

  /** VirusTotal's and AbuseIPDB's answers about any address: known, and abusive. */
  private void provide(HttpServerRequest request) {
    asked.add(request.uri());
    boolean virusTotal = request.path().startsWith("/api/v3/");
    String key = request.getHeader(virusTotal ? "x-apikey" : "Key");
    if (!(virusTotal ? VT_KEY : ABUSE_KEY).equals(key)) {
      request.response().setStatusCode(401).end();
      return;
    }
    if (virusTotal && throttled.getAndDecrement() > 0) {
      request.response().setStatusCode(429).putHeader("Retry-After", "1").putHeader("Content-Type", "application/json")
          .end(fixture("virustotal-quota-exceeded.json"));
      return;
    }
    String body = fixture(virusTotal ? "virustotal-ip.json" : "abuseipdb-check.json");
    long delay = virusTotal ? virusTotalDelayMs.get() : 0;
    Runnable answer = () -> request.response().putHeader("Content-Type", "application/json").end(body);
    if (delay > 0) {
      others.setTimer(delay, t -> answer.run());
    } else {
      answer.run();
    }
  }

  @Test
  @DisplayName("A public address is looked up once at each provider, a private one never; the verdict reaches the"
      + " webhook; the next alert with the same address is answered from the cache")
  void enrichesAndCaches() throws Exception {
    try (RunningGateway gw = RunningGateway.start(config(2_000))) {
      post(gw, "e-1", "8.8.8.8", "10.1.2.3");
      waitUntil(() -> delivered.size() == 1);
      JsonObject enrichment = delivered.get(0).getJsonObject("custom_details").getJsonObject("enrichment");
      assertEquals("complete", enrichment.getString("status"), enrichment.encode());
      assertEquals("malicious", enrichment.getString("verdict"));
      assertEquals(2, asked.size(), asked.toString());
      assertTrue(asked.stream().noneMatch(uri -> uri.contains("10.1.2.3")), "a private address never leaves");
      JsonArray results = enrichment.getJsonArray("results");
      assertTrue(results.stream().map(JsonObject.class::cast).anyMatch(r -> "10.1.2.3".equals(r.getString("indicator"))
          && "skipped_private".equals(r.getString("status"))), results.encode());
      assertTrue(results.stream().map(JsonObject.class::cast).anyMatch(r -> "ok".equals(r.getString("status"))
          && "virustotal".equals(r.getString("provider"))), results.encode());

      post(gw, "e-2", "8.8.8.8", "10.1.2.4");
      waitUntil(() -> delivered.size() == 2);
      assertEquals(2, asked.size(), "answered from the cache: " + asked);
      JsonArray again = delivered.get(1).getJsonObject("custom_details").getJsonObject("enrichment")
          .getJsonArray("results");
      assertTrue(again.stream().map(JsonObject.class::cast).anyMatch(r -> "cached".equals(r.getString("status"))),
          again.encode());
      String alertId = delivered.get(0).getJsonObject("custom_details").getString("alert_id");
      AlertSchema.assertValid(new ObjectMapper().readTree(gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1",
          "/api/v1/alerts/" + alertId).putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).send())
          .bodyAsString()));
      JsonArray health = gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/api/connectors/health")
          .putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).send()).bodyAsJsonObject()
          .getJsonArray("connectors");
      assertTrue(health.stream().map(JsonObject.class::cast).anyMatch(c -> "virustotal".equals(c.getString("name"))
          && "enrichment".equals(c.getString("type")) && "healthy".equals(c.getString("status"))), health.encode());
      String logged = String.join("", asked);
      assertFalse(logged.contains(VT_KEY) || logged.contains(ABUSE_KEY), "keys travel in headers only");
      JsonObject stage = gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/api/v1/stats")
          .putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).send()).bodyAsJsonObject()
          .getJsonObject("stages").getJsonObject("enrich");
      assertEquals(new JsonObject().put("last_hour", new JsonObject().put("pending", 0).put("complete", 2)
          .put("partial", 0).put("failed", 0).put("skipped", 0)).put("backlog", 0), stage);
    }
  }

  @Test
  @DisplayName("A slow provider does not hold the alert past its time budget; its late answer is added afterwards")
  void timeBudgetThenLateResult() throws Exception {
    virusTotalDelayMs.set(1_500);
    try (RunningGateway gw = RunningGateway.start(config(300))) {
      post(gw, "late-1", "1.1.1.1", null);
      waitUntil(() -> delivered.size() == 1);
      JsonObject first = delivered.get(0).getJsonObject("custom_details").getJsonObject("enrichment");
      assertEquals("partial", first.getString("status"), first.encode());
      String alertId = delivered.get(0).getJsonObject("custom_details").getString("alert_id");
      waitUntil(() -> TestDatabase.text("SELECT enrichment::json->>'status' FROM alert_enrich WHERE alert_id = '"
          + alertId + "'").equals("complete"));
      String results = TestDatabase.text("SELECT enrichment::json->>'results' FROM alert_enrich WHERE alert_id = '"
          + alertId + "'");
      assertTrue(results.contains("virustotal"), results);
      assertEquals(1, delivered.size(), "enriched later, not routed again");
      JsonObject shown = gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/api/v1/alerts/" + alertId)
          .putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).send()).bodyAsJsonObject();
      assertEquals("complete", shown.getJsonObject("enrichment").getString("status"), "the admin API shows it");
      AlertSchema.assertValid(new ObjectMapper().readTree(shown.encode()));
    }
  }

  @Test
  @DisplayName("A 429 with Retry-After pauses the provider: the alert goes on marked quota, and its answer is added"
      + " once the pause is over")
  void quotaThenRecovery() throws Exception {
    throttled.set(1);
    try (RunningGateway gw = RunningGateway.start(config(2_000))) {
      post(gw, "quota-1", "9.9.9.9", null);
      waitUntil(() -> delivered.size() == 1);
      JsonObject first = delivered.get(0).getJsonObject("custom_details").getJsonObject("enrichment");
      assertEquals("partial", first.getString("status"), first.encode());
      assertTrue(first.getJsonArray("results").stream().map(JsonObject.class::cast)
          .anyMatch(r -> "quota".equals(r.getString("status")) && "virustotal".equals(r.getString("provider"))),
          first.encode());
      String alertId = delivered.get(0).getJsonObject("custom_details").getString("alert_id");
      waitUntil(() -> "complete".equals(TestDatabase.text("SELECT enrichment::json->>'status' FROM alert_enrich"
          + " WHERE alert_id = '" + alertId + "'")));
      assertEquals(1, TestDatabase.count("SELECT count(*) FROM enrichment_quota WHERE provider = 'virustotal'"
          + " AND paused_until IS NOT NULL"), "the pause was shared through the database");
    }
  }

  private GatewayConfig config(int budgetMs) {
    String base = "http://127.0.0.1:" + providers.actualPort();
    JsonObject yaml = TestConfigs.yaml()
        .put("pipeline", new JsonObject().put("enabled", true).put("sweep_interval_ms", 200).put("grace_seconds", 1))
        .put("relay", new JsonObject().put("allow_cidrs", new JsonArray().add("127.0.0.0/8")))
        .put("destinations", new JsonObject().put("soc", new JsonObject().put("type", "webhook")
            .put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hook").put("timeout", 5)))
        .put("enrichment", new JsonObject().put("time_budget_ms", budgetMs)
            .put("virustotal", new JsonObject().put("api_key", VT_KEY).put("base_url", base))
            .put("abuseipdb", new JsonObject().put("api_key", ABUSE_KEY).put("base_url", base)));
    return GatewayConfig.parse(yaml, Map.of());
  }

  private static void post(RunningGateway gw, String id, String sourceIp, String destinationIp) {
    String body = "{\"kibana.alert.uuid\":\"" + id + "\",\"kibana.alert.rule.name\":\"Enriched rule\","
        + "\"kibana.alert.severity\":\"high\",\"source.ip\":\"" + sourceIp + "\""
        + (destinationIp == null ? "" : ",\"destination.ip\":\"" + destinationIp + "\"") + "}";
    HttpResponse<Buffer> answer = gw.send(gw.post("elastic").putHeader("webhook-id", id)
        .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, body)), body);
    assertEquals(202, answer.statusCode());
  }

  private static String fixture(String name) {
    try (InputStream in = EnrichStageTest.class.getResourceAsStream("/enrich/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
