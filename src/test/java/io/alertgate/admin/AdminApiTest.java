package io.alertgate.admin;

import io.alertgate.config.GatewayConfig;
import io.alertgate.support.AlertSchema;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminApiTest {

  private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "high");
  private static RunningGateway gw;
  private static final List<String> inbound = new ArrayList<>();
  private static String failedInbound;

  @BeforeAll
  static void start() throws Exception {
    TestDatabase.truncate();
    JsonObject yaml = TestConfigs.yaml().put("pipeline", new JsonObject().put("enabled", true)
        .put("sweep_interval_ms", 200).put("grace_seconds", 1));
    gw = RunningGateway.start(GatewayConfig.parse(yaml, Map.of()));
    for (int i = 0; i < SEVERITIES.size(); i++) {
      String body = "{\"kibana.alert.uuid\":\"adm-" + i + "\",\"kibana.alert.rule.name\":\"Rule " + i + "\","
          + "\"kibana.alert.severity\":\"" + SEVERITIES.get(i) + "\",\"@timestamp\":\"2026-11-0" + (i + 1) + "T00:00:00Z\"}";
      inbound.add(post("elastic", "X-Elastic-Signature", TestConfigs.ELASTIC_SECRET, body));
    }
    failedInbound = post("sentinel", "X-Sentinel-Signature", TestConfigs.SENTINEL_SECRET, "{\"not\":\"an alert\"}");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (TestDatabase.count("SELECT count(*) FROM inbound_state WHERE status = 'received'") > 0) {
      assertTrue(System.nanoTime() < deadline);
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  @DisplayName("Without the bearer token: 401, with a JSON error; health stays open")
  void needsToken() {
    HttpResponse<Buffer> none = gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/api/v1/alerts").send());
    assertEquals(401, none.statusCode());
    assertEquals("unauthorized", none.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> wrong = gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/api/v1/alerts")
        .putHeader("Authorization", "Bearer admin-test-tokeN").send());
    assertEquals(401, wrong.statusCode());
    assertEquals(200, gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/health/ready").send()).statusCode());
  }

  @Test
  @DisplayName("All alerts, newest first, each one matching the schema")
  void listAll() {
    JsonArray alerts = get("/api/v1/alerts").getJsonArray("alerts");
    assertEquals(SEVERITIES.size(), alerts.size());
    String previous = null;
    for (Object item : alerts) {
      JsonObject alert = (JsonObject) item;
      AlertSchema.assertValid(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(alert.getMap()));
      if (previous != null) {
        assertTrue(alert.getString("id").compareTo(previous) < 0, "not newest first");
      }
      previous = alert.getString("id");
    }
  }

  @Test
  @DisplayName("Filters: severity, source, status, since, inbound_id")
  void filters() {
    assertEquals(2, get("/api/v1/alerts?severity=high").getJsonArray("alerts").size());
    assertEquals(5, get("/api/v1/alerts?source=elastic").getJsonArray("alerts").size());
    assertEquals(0, get("/api/v1/alerts?source=splunk").getJsonArray("alerts").size());
    assertEquals(5, get("/api/v1/alerts?status=unknown").getJsonArray("alerts").size());
    assertEquals(2, get("/api/v1/alerts?since=2026-11-04T00:00:00Z").getJsonArray("alerts").size());
    JsonArray one = get("/api/v1/alerts?inbound_id=" + inbound.get(0)).getJsonArray("alerts");
    assertEquals(1, one.size());
    assertEquals("Rule 0", one.getJsonObject(0).getString("title"));
  }

  @Test
  @DisplayName("Every combination of filters, paged two at a time, returns what filtering the whole list would")
  void everyFilterCombination() {
    List<JsonObject> all = new ArrayList<>();
    get("/api/v1/alerts?limit=100").getJsonArray("alerts").forEach(a -> all.add((JsonObject) a));
    List<java.util.Map.Entry<String, String>> filters = List.of(
        Map.entry("source", "elastic"), Map.entry("severity", "high"), Map.entry("status", "unknown"),
        Map.entry("since", "2026-11-03T00:00:00Z"), Map.entry("inbound_id", inbound.get(1)));
    for (int mask = 0; mask < 1 << filters.size(); mask++) {
      StringBuilder query = new StringBuilder("/api/v1/alerts?limit=2");
      List<JsonObject> expected = new ArrayList<>(all);
      for (int f = 0; f < filters.size(); f++) {
        if ((mask & 1 << f) != 0) {
          String name = filters.get(f).getKey();
          String value = filters.get(f).getValue();
          query.append('&').append(name).append('=').append(value);
          expected.removeIf(alert -> !matches(alert, name, value));
        }
      }
      List<String> pagedIds = new ArrayList<>();
      String cursor = null;
      do {
        JsonObject page = get(query + (cursor == null ? "" : "&cursor=" + cursor));
        page.getJsonArray("alerts").forEach(a -> pagedIds.add(((JsonObject) a).getString("id")));
        cursor = page.getString("next_cursor");
      } while (cursor != null);
      assertEquals(expected.stream().map(a -> a.getString("id")).toList(), pagedIds, query.toString());
    }
  }

  private static boolean matches(JsonObject alert, String filter, String value) {
    return switch (filter) {
      case "since" -> !java.time.Instant.parse(alert.getString("timestamp")).isBefore(java.time.Instant.parse(value));
      default -> value.equals(alert.getString(filter));
    };
  }

  @Test
  @DisplayName("Cursor paging visits every alert once and ends with a null cursor")
  void paging() {
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = get("/api/v1/alerts?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      page.getJsonArray("alerts").forEach(a -> assertTrue(seen.add(((JsonObject) a).getString("id"))));
      cursor = page.getString("next_cursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertEquals(SEVERITIES.size(), seen.size());
    assertEquals(3, pages);
  }

  @Test
  @DisplayName("One alert by id; unknown ids are 404 and malformed ones 400")
  void oneAlert() {
    String id = get("/api/v1/alerts?limit=1").getJsonArray("alerts").getJsonObject(0).getString("id");
    assertEquals(id, get("/api/v1/alerts/" + id).getString("id"));
    assertError("/api/v1/alerts/00000000-0000-7000-8000-000000000000", 404, "not_found");
    assertError("/api/v1/alerts/not-an-id", 400, "invalid_parameter");
  }

  @ParameterizedTest
  @ValueSource(strings = {"severity=purple", "status=maybe", "limit=0", "limit=501", "limit=ten",
      "since=yesterday", "cursor=xyz", "inbound_id=1", "limit=%00", "source=a%00b"})
  @DisplayName("Bad query parameters get 400 naming the parameter")
  void badParameters(String query) {
    HttpResponse<Buffer> response = raw("/api/v1/alerts?" + query);
    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals("invalid_parameter", response.bodyAsJsonObject().getString("error"));
    assertTrue(response.bodyAsJsonObject().getString("message").startsWith(query.split("=")[0] + " "));
  }

  @Test
  @DisplayName("A malformed %-escape in the query is a 400, not a 500")
  void badEscape() {
    HttpResponse<Buffer> response = raw("/api/v1/alerts?limit=%");
    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals("invalid_parameter", response.bodyAsJsonObject().getString("error"));
  }

  @Test
  @DisplayName("Reprocess twice at once: the event still ends with one set of alerts")
  void doubleReprocess() throws Exception {
    String target = inbound.get(3);
    for (int i = 0; i < 2; i++) {
      gw.client.post(gw.gateway.adminPort(), "127.0.0.1", "/api/v1/inbound/" + target + "/reprocess")
          .putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).send();
    }
    Thread.sleep(300);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (TestDatabase.count("SELECT count(*) FROM inbound_state WHERE status = 'received'") > 0) {
      assertTrue(System.nanoTime() < deadline);
      Thread.sleep(50);
    }
    assertEquals(1, TestDatabase.count("SELECT count(*) FROM alert WHERE inbound_id = '" + target + "'"));
    assertEquals("processed", TestDatabase.text("SELECT status FROM inbound_state WHERE id = '" + target + "'"));
  }

  @Test
  @DisplayName("Inbound events with their status and failure reason")
  void inbound() {
    JsonArray failed = get("/api/v1/inbound?status=failed").getJsonArray("inbound");
    assertEquals(1, failed.size());
    JsonObject event = failed.getJsonObject(0);
    assertEquals(failedInbound, event.getString("id"));
    assertEquals("sentinel", event.getString("source"));
    assertTrue(event.getString("error").startsWith("$: "));
    assertTrue(event.getString("received_at").endsWith("Z"));
    assertEquals(5, get("/api/v1/inbound?status=processed&source=elastic").getJsonArray("inbound").size());
    assertNull(get("/api/v1/inbound").getString("next_cursor"));
  }

  @Test
  @DisplayName("Reprocess: the event's alerts are replaced under their ids, not added to; unknown ids are 404")
  void reprocess() throws Exception {
    String target = inbound.get(4);
    String before = get("/api/v1/alerts?inbound_id=" + target).getJsonArray("alerts").getJsonObject(0).getString("id");
    String normalizedAt = TestDatabase.text("SELECT processed_at::text FROM inbound_state WHERE id = '" + target + "'");
    HttpResponse<Buffer> accepted = gw.await(gw.client.post(gw.gateway.adminPort(), "127.0.0.1",
        "/api/v1/inbound/" + target + "/reprocess").putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).send());
    assertEquals(202, accepted.statusCode());
    assertEquals("received", accepted.bodyAsJsonObject().getString("status"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    JsonArray after;
    do {
      Thread.sleep(50);
      after = get("/api/v1/alerts?inbound_id=" + target).getJsonArray("alerts");
      assertTrue(System.nanoTime() < deadline);
    } while (after.size() != 1 || !"processed".equals(TestDatabase.text("SELECT status FROM inbound_state WHERE id = '"
        + target + "'")) || normalizedAt.equals(TestDatabase.text("SELECT processed_at::text FROM inbound_state"
        + " WHERE id = '" + target + "'")));
    assertEquals(before, after.getJsonObject(0).getString("id"), "normalized again, under the same id");
    assertEquals(before, get("/api/v1/alerts/" + before).getString("id"), "the document says so too");
    assertEquals(1, TestDatabase.count("SELECT count(*) FROM alert WHERE inbound_id = '" + target + "'"));
    assertEquals(404, gw.await(gw.client.post(gw.gateway.adminPort(), "127.0.0.1",
        "/api/v1/inbound/00000000-0000-7000-8000-000000000000/reprocess")
        .putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).send()).statusCode());
  }

  @Test
  @DisplayName("/metrics is open and counts webhooks, normalized and failed events, alerts, stages and the backlog; no secret")
  void metrics() throws Exception {
    // A forged signature and a scanner's made-up source: counted, the made-up name kept out of the series.
    String body = "{\"kibana.alert.uuid\":\"metrics-forged\"}";
    assertEquals(401, gw.send(gw.post("elastic").putHeader("X-Elastic-Signature", "sha256=" + "0".repeat(64)), body)
        .statusCode());
    assertEquals(404, gw.send(gw.post("wp-login-scan"), body).statusCode());
    // Any method token is taken by the server: none may become a label.
    gw.await(gw.client.request(io.vertx.core.http.HttpMethod.valueOf("BREWCOFFEE"), gw.gateway.ingestPort(),
        "127.0.0.1", "/api/v1/webhooks/elastic").send());
    HttpResponse<Buffer> response = gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/metrics").send());
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/plain"));
    String text = response.bodyAsString();
    assertEquals(5.0, metric(text, "alertgate_webhooks_total{outcome=\"accepted\",source=\"elastic\"}"));
    assertEquals(1.0, metric(text, "alertgate_webhooks_total{outcome=\"unauthorized\",source=\"elastic\"}"));
    assertEquals(1.0, metric(text, "alertgate_webhooks_total{outcome=\"invalid\",source=\"_unknown\"}"));
    assertTrue(metric(text, "alertgate_inbound_events_total{outcome=\"processed\",source=\"elastic\"}") >= 5.0);
    assertTrue(metric(text, "alertgate_inbound_events_total{outcome=\"failed\",source=\"sentinel\"}") >= 1.0);
    assertTrue(metric(text, "alertgate_alerts_normalized_total{source=\"elastic\"}") >= 5.0);
    assertTrue(text.contains("alertgate_inbound_backlog "), "the backlog gauge");
    // The stage kit's own series, the same for every stage.
    assertTrue(metric(text, "alertgate_stage_items_total{outcome=\"processed\",stage=\"normalize\"}") >= 5.0);
    assertTrue(metric(text, "alertgate_stage_items_total{outcome=\"failed\",stage=\"normalize\"}") >= 1.0);
    assertTrue(text.contains("alertgate_stage_batch_seconds_count{path=\"fast\",stage=\"normalize\"}"));
    assertTrue(text.contains("alertgate_stage_backlog{stage=\"normalize\"}"), "the stage's backlog gauge");
    assertTrue(text.contains("vertx_http_server_requests_total"), "Vert.x's own HTTP metrics");
    for (String pool : List.of("alertgate-ingest", "alertgate-pipeline", "alertgate-admin")) {
      assertTrue(text.contains("vertx_pool_in_use{pool_name=\"" + pool + "\",pool_type=\"sql\"}"), pool);
    }
    assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics");
    assertFalse(text.contains("wp-login-scan"));
    assertFalse(text.contains("BREWCOFFEE"));
    for (String secret : List.of(TestConfigs.ADMIN_TOKEN, TestConfigs.ELASTIC_SECRET, TestConfigs.SENTINEL_SECRET)) {
      assertFalse(text.contains(secret));
    }
  }

  /** The value of one series in Prometheus text format. */
  private static double metric(String text, String series) {
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("no series " + series + " in:\n" + text);
  }

  private static String post(String source, String header, String secret, String body) {
    HttpResponse<Buffer> response = gw.send(gw.post(source).putHeader(header, Signatures.hex(secret, body)), body);
    assertEquals(202, response.statusCode());
    return response.bodyAsJsonObject().getString("id");
  }

  private static JsonObject get(String path) {
    HttpResponse<Buffer> response = raw(path);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> raw(String path) {
    return gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", path)
        .putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).send());
  }

  private static void assertError(String path, int status, String code) {
    HttpResponse<Buffer> response = raw(path);
    assertEquals(status, response.statusCode());
    assertEquals(code, response.bodyAsJsonObject().getString("error"));
  }
}
