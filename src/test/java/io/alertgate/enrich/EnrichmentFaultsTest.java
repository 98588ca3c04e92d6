package io.alertgate.enrich;

import io.alertgate.config.GatewayConfig;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.alertgate.enrich.FakeIntel.ABUSEIPDB;
import static io.alertgate.enrich.FakeIntel.VIRUSTOTAL;
import static io.alertgate.enrich.FakeIntel.enrichment;
import static io.alertgate.enrich.FakeIntel.post;
import static io.alertgate.enrich.FakeIntel.result;
import static io.alertgate.support.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Enrichment end to end when things go wrong or pile up: many alerts naming one address at once, a refused key, a
 * daily quota spent before a restart, a provider's own pause; and what operators see of it (connector health, the
 * quota gauges), and the cache's upkeep.
 */
class EnrichmentFaultsTest {

  private FakeIntel intel;

  @BeforeEach
  void setUp() throws Exception {
    TestDatabase.truncate();
    intel = FakeIntel.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    intel.close();
  }

  @Test
  @DisplayName("Twenty alerts naming one new address at once, while VirusTotal is slow: one request to each provider,"
      + " and every alert delivered with their answers")
  void oneUpstreamCallUnderConcurrency() throws Exception {
    intel.virusTotalDelayMs.set(500);
    String address = "45.33.32.156";
    try (RunningGateway gw = RunningGateway.start(GatewayConfig.parse(intel.yaml(3_000), Map.of()))) {
      List<Future<HttpResponse<Buffer>>> posted = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        posted.add(post(gw, "crowd-" + i, address));
      }
      for (Future<HttpResponse<Buffer>> answer : posted) {
        assertEquals(202, gw.await(answer).statusCode());
      }

      waitUntil(() -> intel.delivered.size() == 20);
      // AbuseIPDB answers at once: an alert whose cache read missed just before that answer landed must not ask
      // again either.
      assertEquals(1, intel.askedAbout(VIRUSTOTAL, address), intel.asked.toString());
      assertEquals(1, intel.askedAbout(ABUSEIPDB, address), intel.asked.toString());
      for (JsonObject alert : intel.delivered) {
        for (String provider : List.of(VIRUSTOTAL, ABUSEIPDB)) {
          JsonObject answer = result(alert, provider, address);
          assertNotNull(answer, enrichment(alert).encode());
          assertTrue(Set.of("ok", "cached").contains(answer.getString("status")), answer.encode());
        }
      }
    }
  }

  @Test
  @DisplayName("A refused VirusTotal key: alerts still delivered, health says so without the key, and VirusTotal is"
      + " not asked again")
  void refusedKey() throws Exception {
    String wrongKey = "vt-wrong-key-5f1e0a";
    JsonObject yaml = intel.yaml(2_000);
    yaml.getJsonObject("enrichment").getJsonObject(VIRUSTOTAL).put("api_key", wrongKey);
    try (RunningGateway gw = RunningGateway.start(GatewayConfig.parse(yaml, Map.of()))) {
      assertEquals(202, gw.await(post(gw, "refused-1", "8.8.8.8")).statusCode());
      waitUntil(() -> intel.delivered.size() == 1);
      assertEquals(1, intel.requestsTo(VIRUSTOTAL));
      for (String address : List.of("1.1.1.1", "9.9.9.9")) {
        assertEquals(202, gw.await(post(gw, "refused-" + address, address)).statusCode());
      }
      waitUntil(() -> intel.delivered.size() == 3);

      assertEquals(1, intel.requestsTo(VIRUSTOTAL), "not asked after the refusal: " + intel.asked);
      assertEquals(3, intel.requestsTo(ABUSEIPDB), intel.asked.toString());
      for (JsonObject alert : intel.delivered) {
        JsonObject enrichment = enrichment(alert);
        assertEquals("partial", enrichment.getString("status"), enrichment.encode());
        assertTrue(enrichment.getJsonArray("results").stream().map(JsonObject.class::cast).anyMatch(one ->
            VIRUSTOTAL.equals(one.getString("provider")) && "error".equals(one.getString("status"))),
            enrichment.encode());
      }
      JsonObject virusTotal = provider(health(gw), VIRUSTOTAL);
      assertEquals("unhealthy", virusTotal.getString("status"), virusTotal.encode());
      assertTrue(virusTotal.getString("message").contains("API key"), virusTotal.encode());
      String alertId = intel.delivered.get(0).getJsonObject("custom_details").getString("alert_id");
      String document = admin(gw, "/api/v1/alerts/" + alertId);
      String everything = health(gw).encode() + document + intel.delivered;
      assertFalse(everything.contains(wrongKey), "the key is never shown");
    }
  }

  @Test
  @DisplayName("A daily VirusTotal budget spent before a restart is still spent after it: no call, status quota,"
      + " the alert delivered")
  void dailyQuotaAcrossRestart() throws Exception {
    JsonObject yaml = intel.yaml(2_000);
    yaml.getJsonObject("enrichment").getJsonObject(VIRUSTOTAL).put("per_day", 1);
    GatewayConfig config = GatewayConfig.parse(yaml, Map.of());
    try (RunningGateway gw = RunningGateway.start(config)) {
      assertEquals(202, gw.await(post(gw, "day-a", "8.8.4.4")).statusCode());
      waitUntil(() -> intel.delivered.size() == 1);
      assertEquals("ok", result(intel.delivered.get(0), VIRUSTOTAL, "8.8.4.4").getString("status"));
    }
    try (RunningGateway restarted = RunningGateway.start(config)) {
      assertEquals(202, restarted.await(post(restarted, "day-b", "208.67.222.222")).statusCode());
      waitUntil(() -> intel.delivered.size() == 2);

      assertEquals(0, intel.askedAbout(VIRUSTOTAL, "208.67.222.222"), intel.asked.toString());
      assertEquals(1, intel.requestsTo(VIRUSTOTAL), intel.asked.toString());
      JsonObject second = intel.delivered.get(1);
      assertEquals("quota", result(second, VIRUSTOTAL, "208.67.222.222").getString("status"),
          enrichment(second).encode());
      assertEquals("ok", result(second, ABUSEIPDB, "208.67.222.222").getString("status"));
    }
  }

  @Test
  @DisplayName("After traffic, /metrics shows each provider's quota left by window (none for a window without a"
      + " budget) and that no provider is paused")
  void quotaGauges() throws Exception {
    try (RunningGateway gw = RunningGateway.start(GatewayConfig.parse(intel.yaml(2_000), Map.of()))) {
      assertEquals(202, gw.await(post(gw, "gauged-1", "8.8.8.8")).statusCode());
      waitUntil(() -> intel.delivered.size() == 1);

      String remaining = "alertgate_enrichment_quota_remaining{provider=\"%s\",window=\"%s\"}";
      waitUntil(() -> Double.valueOf(499).equals(metric(gw, remaining.formatted(VIRUSTOTAL, "day"))));
      String text = admin(gw, "/metrics");
      assertTrue(Set.of(3.0, 4.0).contains(metric(text, remaining.formatted(VIRUSTOTAL, "minute"))), text);
      assertEquals(999, metric(text, remaining.formatted(ABUSEIPDB, "day")));
      assertNull(metric(text, remaining.formatted(ABUSEIPDB, "minute")), "AbuseIPDB has no budget by the minute");
      assertEquals(0, metric(text, "alertgate_enrichment_quota_paused{provider=\"virustotal\"}"));
      assertEquals(0, metric(text, "alertgate_enrichment_quota_paused{provider=\"abuseipdb\"}"));
    }
  }

  @Test
  @DisplayName("A 429 pauses VirusTotal: health says degraded, until when and why, and the paused gauge is 1")
  void pausedByTheProvider() throws Exception {
    intel.throttleVirusTotal(1, 120);
    try (RunningGateway gw = RunningGateway.start(GatewayConfig.parse(intel.yaml(2_000), Map.of()))) {
      assertEquals(202, gw.await(post(gw, "paused-1", "8.8.8.8")).statusCode());
      waitUntil(() -> intel.delivered.size() == 1);
      assertEquals("quota", result(intel.delivered.get(0), VIRUSTOTAL, "8.8.8.8").getString("status"));

      waitUntil(() -> "degraded".equals(provider(health(gw), VIRUSTOTAL).getString("status")));
      String message = provider(health(gw), VIRUSTOTAL).getString("message");
      assertTrue(message.matches("paused by the provider until \\d{4}-\\d\\d-\\d\\dT[^ ]+Z: .*429.*"), message);
      assertFalse(message.contains(FakeIntel.VT_KEY), message);
      assertEquals("healthy", provider(health(gw), ABUSEIPDB).getString("status"));
      assertEquals(1, metric(gw, "alertgate_enrichment_quota_paused{provider=\"virustotal\"}"));
    }
  }

  @Test
  @DisplayName("Expired cached answers are purged soon after start; live ones stay")
  void expiredAnswersPurged() throws Exception {
    TestDatabase.execute("INSERT INTO enrichment_cache (provider, kind, value, outcome, result, looked_up_at,"
        + " expires_at) VALUES ('virustotal', 'ip', '8.8.8.8', 'found', '{}', now() - interval '2 days',"
        + " now() - interval '1 day'), ('abuseipdb', 'ip', '8.8.8.8', 'found', '{}', now(), now() + interval '1 day')");
    try (RunningGateway gw = RunningGateway.start(GatewayConfig.parse(intel.yaml(2_000), Map.of()))) {
      waitUntil(() -> TestDatabase.count("SELECT count(*) FROM enrichment_cache") == 1);
      assertEquals(1, TestDatabase.count("SELECT count(*) FROM enrichment_cache WHERE provider = 'abuseipdb'"));
    }
  }

  private static JsonObject health(RunningGateway gw) {
    return new JsonObject(admin(gw, "/api/connectors/health"));
  }

  private static JsonObject provider(JsonObject health, String name) {
    return health.getJsonArray("connectors").stream().map(JsonObject.class::cast)
        .filter(connector -> name.equals(connector.getString("name"))).findFirst().orElseThrow();
  }

  private static String admin(RunningGateway gw, String path) {
    return gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", path)
        .putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).send()).bodyAsString();
  }

  private static Double metric(RunningGateway gw, String series) {
    return metric(admin(gw, "/metrics"), series);
  }

  /** The series' value in a Prometheus scrape, or null when it is not there. */
  private static Double metric(String text, String series) {
    return text.lines().filter(line -> line.startsWith(series + " "))
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).findFirst().orElse(null);
  }
}
