package io.alertgate.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.alertgate.config.ConfigException;
import io.alertgate.config.GatewayConfig;
import io.alertgate.support.AlertSchema;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.alertgate.support.Eventually.waitUntil;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The relay end to end: a signed alert in, normalized, routed, and delivered to a webhook receiver on loopback. */
class RelayTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A webhook as the receiver got it, and the path it was sent to (each destination has its own). */
  private record Received(String path, Map<String, String> headers, String body) {}

  private Vertx receiverVertx;
  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicBoolean refuse = new AtomicBoolean();
  private final AtomicBoolean unavailable = new AtomicBoolean();

  @BeforeEach
  void setUp() throws Exception {
    TestDatabase.truncate();
    receiverVertx = Vertx.vertx();
    receiver = await(receiverVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      received.add(new Received(request.path(), Map.of("webhook-id", request.getHeader("webhook-id"),
          "webhook-timestamp", request.getHeader("webhook-timestamp"),
          "webhook-signature", request.getHeader("webhook-signature")), body.toString()));
      request.response().setStatusCode(unavailable.get() ? 503 : refuse.get() ? 422 : 204).end();
    })).listen(0, "127.0.0.1"));
  }

  @AfterEach
  void tearDown() throws Exception {
    await(receiverVertx.close());
  }

  @Test
  @DisplayName("An alert reaches the webhook once, signed; the same incident again is an update, its close a resolve")
  void relaysToAWebhook() throws Exception {
    try (RunningGateway gw = RunningGateway.start(config(receiver.actualPort()))) {
      String open = "{\"kibana.alert.uuid\":\"relay-1\",\"kibana.alert.rule.uuid\":\"rule-9\","
          + "\"kibana.alert.rule.name\":\"Relayed rule\",\"kibana.alert.severity\":\"high\","
          + "\"source.ip\":\"203.0.113.9\"}";
      post(gw, open, "first");
      waitUntil(() -> received.size() == 1);
      post(gw, open, "second");
      waitUntil(() -> received.size() == 2);
      post(gw, open.replace("}", ",\"kibana.alert.workflow_status\":\"closed\"}"), "third");
      waitUntil(() -> received.size() == 3);
      Thread.sleep(300);

      assertEquals(3, received.size(), "each alert delivered once");
      List<JsonNode> bodies = received.stream().map(r -> read(r.body())).toList();
      assertEquals(List.of("created", "updated", "resolved"),
          bodies.stream().map(b -> b.get("event_type").asText()).toList());
      assertEquals(1, bodies.stream().map(b -> b.get("incident_id").asText()).distinct().count(), "one incident");
      assertEquals("Relayed rule", bodies.get(0).get("incident_data").get("title").asText());
      for (Received webhook : received) {
        assertDoesNotThrow(() -> new Webhook(SECRET).verify(webhook.body(), Map.of(
            "webhook-id", List.of(webhook.headers().get("webhook-id")),
            "webhook-timestamp", List.of(webhook.headers().get("webhook-timestamp")),
            "webhook-signature", List.of(webhook.headers().get("webhook-signature")))));
      }
      assertEquals(3, TestDatabase.count("SELECT count(*) FROM delivery WHERE status = 'delivered'"));
      String alertId = bodies.get(0).get("custom_details").get("alert_id").asText();
      JsonNode alert = read(admin(gw, "GET", "/api/v1/alerts/" + alertId).bodyAsString());
      AlertSchema.assertValid(alert);
      assertEquals("delivered", alert.get("deliveries").get(0).get("status").asText());
      assertEquals(204, alert.get("deliveries").get(0).get("last_status_code").asInt());
      assertEquals(received.get(0).headers().get("webhook-id"), alert.get("deliveries").get(0).get("id").asText());
      assertEquals(0, TestDatabase.count("SELECT count(*) FROM alert_route WHERE routed_at IS NULL"));
    }
  }

  @Test
  @DisplayName("A dead letter is listed with its reason, replayed under its same id, and a delivered one is not resent")
  void deadLettersListedAndReplayed() throws Exception {
    refuse.set(true);
    try (RunningGateway gw = RunningGateway.start(config(receiver.actualPort()))) {
      String body = "{\"kibana.alert.uuid\":\"relay-dead\",\"kibana.alert.rule.name\":\"Refused rule\"}";
      post(gw, body, "dead-1");
      waitUntil(() -> TestDatabase.count("SELECT count(*) FROM delivery WHERE status = 'dead'") == 1);

      JsonObject dead = admin(gw, "GET", "/api/v1/deliveries?status=dead").bodyAsJsonObject();
      JsonObject letter = dead.getJsonArray("deliveries").getJsonObject(0);
      assertEquals("the webhook answered 422", letter.getString("last_error"));
      assertEquals("soc", letter.getString("destination"));
      refuse.set(false);
      String id = letter.getString("id");
      assertEquals(202, admin(gw, "POST", "/api/v1/deliveries/" + id + "/replay").statusCode());
      waitUntil(() -> "delivered".equals(TestDatabase.text("SELECT status FROM delivery WHERE id = '" + id + "'")));

      assertEquals(List.of(id, id), received.stream().map(r -> r.headers().get("webhook-id")).toList());
      assertEquals(409, admin(gw, "POST", "/api/v1/deliveries/" + id + "/replay").statusCode());
      assertEquals(404, admin(gw, "POST", "/api/v1/deliveries/" + UUID.randomUUID() + "/replay")
          .statusCode());
      assertEquals(400, admin(gw, "GET", "/api/v1/deliveries?status=lost").statusCode());
      assertEquals(401, gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/api/v1/deliveries").send())
          .statusCode());
    }
  }

  @Test
  @DisplayName("A delivery still waiting when its event is reprocessed is delivered with the new alert, under its id")
  void reprocessKeepsDeliveries() throws Exception {
    unavailable.set(true);
    try (RunningGateway gw = RunningGateway.start(config(receiver.actualPort()))) {
      String body = "{\"kibana.alert.uuid\":\"relay-again\",\"kibana.alert.rule.name\":\"Reprocessed rule\"}";
      String inbound = post(gw, body, "again-1");
      waitUntil(() -> TestDatabase.count("SELECT count(*) FROM delivery WHERE status = 'retrying'") == 1);
      String alertId = TestDatabase.text("SELECT id::text FROM alert WHERE inbound_id = '" + inbound + "'");

      assertEquals(202, admin(gw, "POST", "/api/v1/inbound/" + inbound + "/reprocess").statusCode());
      waitUntil(() -> "processed".equals(TestDatabase.text("SELECT status FROM inbound_state WHERE id = '" + inbound
          + "'")) && TestDatabase.count("SELECT count(*) FROM alert WHERE inbound_id = '" + inbound + "'") == 1);
      unavailable.set(false);
      waitUntil(() -> TestDatabase.count("SELECT count(*) FROM delivery WHERE status = 'delivered'") == 1);

      assertEquals(alertId, TestDatabase.text("SELECT id::text FROM alert WHERE inbound_id = '" + inbound + "'"));
      assertEquals(1, TestDatabase.count("SELECT count(*) FROM delivery"), "no second delivery, no dead one");
      JsonNode delivered = read(received.get(received.size() - 1).body());
      assertEquals(alertId, delivered.get("incident_data").get("id").asText());
    }
  }

  @Test
  @DisplayName("Routing rules: a suppressed alert is delivered nowhere and its reason kept, a claimed one only where "
      + "its rule sends it, the rest to the default")
  void routesByRules() throws Exception {
    JsonObject yaml = yaml(receiver.actualPort());
    yaml.getJsonObject("destinations").put("tickets", new JsonObject().put("type", "webhook")
        .put("url", "http://127.0.0.1:" + receiver.actualPort() + "/tickets").put("timeout", 5).put("secret", SECRET));
    yaml.put("routing", new JsonObject().put("default", new JsonArray().add("soc")).put("rules", new JsonArray()
        .add(new JsonObject().put("name", "noisy")
            .put("match", new JsonObject().put("fields", new JsonObject().put("rule.name", "Noisy rule")))
            .put("suppress", "known noise, see SEC-12"))
        .add(new JsonObject().put("name", "critical-to-tickets")
            .put("match", new JsonObject().put("min_severity", "critical"))
            .put("destinations", new JsonArray().add("tickets")))));
    try (RunningGateway gw = RunningGateway.start(GatewayConfig.parse(yaml, Map.of()))) {
      String noisy = post(gw, "{\"kibana.alert.uuid\":\"routed-1\",\"kibana.alert.rule.name\":\"Noisy rule\","
          + "\"kibana.alert.severity\":\"critical\"}", "routed-1");
      String critical = post(gw, "{\"kibana.alert.uuid\":\"routed-2\",\"kibana.alert.rule.name\":\"Breach\","
          + "\"kibana.alert.severity\":\"critical\"}", "routed-2");
      String plain = post(gw, "{\"kibana.alert.uuid\":\"routed-3\",\"kibana.alert.rule.name\":\"Scan\","
          + "\"kibana.alert.severity\":\"low\"}", "routed-3");
      waitUntil(() -> received.size() == 2
          && TestDatabase.count("SELECT count(*) FROM alert_route WHERE routed_at IS NOT NULL") == 3);
      Thread.sleep(300);

      assertEquals(2, received.size(), "the suppressed alert went nowhere");
      Map<String, String> titleByPath = Map.of(received.get(0).path(), title(received.get(0)),
          received.get(1).path(), title(received.get(1)));
      assertEquals(Map.of("/tickets", "Breach", "/alerts", "Scan"), titleByPath);
      assertEquals(2, TestDatabase.count("SELECT count(*) FROM delivery"));
      assertEquals("known noise, see SEC-12 | noisy", decision(noisy));
      assertEquals("- | critical-to-tickets", decision(critical));
      assertEquals("- | -", decision(plain), "the default applied: no rule matched");
    }
  }

  @Test
  @DisplayName("A destination's wrong field stops the start, naming the destination and the field")
  void wrongDestinationStopsTheStart() {
    JsonObject yaml = yaml(receiver.actualPort());
    yaml.getJsonObject("destinations").getJsonObject("soc").put("method", "DELETE");
    IllegalStateException failed = assertThrows(IllegalStateException.class,
        () -> RunningGateway.start(GatewayConfig.parse(yaml, Map.of())));
    Throwable cause = failed.getCause() instanceof ExecutionException ? failed.getCause().getCause()
        : failed.getCause();
    assertEquals(ConfigException.class, cause.getClass());
    assertEquals("Invalid configuration: destinations.soc method must be POST, PUT or PATCH", cause.getMessage());
  }

  private static HttpResponse<Buffer> admin(RunningGateway gw, String method, String path) {
    return gw.await(gw.client.request(HttpMethod.valueOf(method), gw.gateway.adminPort(), "127.0.0.1", path)
        .putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).send());
  }

  private static GatewayConfig config(int port) {
    return GatewayConfig.parse(yaml(port), Map.of());
  }

  private static JsonObject yaml(int port) {
    return TestConfigs.yaml()
        .put("pipeline", new JsonObject().put("enabled", true).put("sweep_interval_ms", 200).put("grace_seconds", 2))
        .put("relay", new JsonObject().put("allow_cidrs", new JsonArray().add("127.0.0.0/8")))
        .put("destinations", new JsonObject().put("soc", new JsonObject().put("type", "webhook")
            .put("url", "http://127.0.0.1:" + port + "/alerts").put("timeout", 5).put("secret", SECRET)));
  }

  /** The inbound event's id. */
  private static String post(RunningGateway gw, String body, String webhookId) {
    HttpResponse<Buffer> response = gw.send(gw.post("elastic").putHeader("webhook-id", webhookId)
        .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, body)), body);
    assertEquals(202, response.statusCode());
    return response.bodyAsJsonObject().getString("id");
  }

  /** What routing recorded for the alert of an inbound event: the suppression's reason and the rules matched. */
  private static String decision(String inboundId) {
    return TestDatabase.text("SELECT coalesce(r.suppressed, '-') || ' | ' || coalesce(r.matched, '-') "
        + "FROM alert_route r JOIN alert a ON a.id = r.alert_id WHERE a.inbound_id = '" + inboundId + "'");
  }

  private static String title(Received webhook) {
    return read(webhook.body()).get("incident_data").get("title").asText();
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
