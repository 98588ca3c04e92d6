package io.alertgate.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertgate.config.GatewayConfig;
import io.alertgate.support.AlertSchema;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalizationPipelineTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void clean() {
    TestDatabase.truncate();
  }

  @Test
  @DisplayName("A committed Elastic alert becomes a normalized alert, handed on to routing")
  void normalizesAndPublishes() throws Exception {
    try (RunningGateway gw = RunningGateway.start(config(true, 200, 1))) {
      String body = "{\"kibana.alert.uuid\":\"p-1\",\"kibana.alert.rule.name\":\"Pipeline rule\","
          + "\"kibana.alert.severity\":\"critical\",\"source.ip\":\"203.0.113.9\"}";
      String inbound = post(gw, "elastic", body).bodyAsJsonObject().getString("id");
      // The route stage, always deployed, takes the alert's id off the bus: its routing row is the hand-off.
      waitUntil(() -> TestDatabase.count("SELECT count(*) FROM alert a JOIN alert_route r ON r.alert_id = a.id"
          + " WHERE a.inbound_id = '" + inbound + "' AND r.routed_at IS NOT NULL") == 1);
      String alertId = TestDatabase.text("SELECT id::text FROM alert WHERE inbound_id = '" + inbound + "'");
      JsonNode doc = alertDoc(alertId);
      AlertSchema.assertValid(doc);
      assertEquals(inbound, doc.get("inbound_id").asText());
      assertEquals("critical", doc.get("severity").asText());
      assertEquals("Pipeline rule", doc.get("title").asText());
      assertEquals("processed", inboundStatus(inbound));
    }
  }

  @Test
  @DisplayName("Valid JSON that is no alert is kept, marked failed with the path and problem, and counted")
  void unreadableEventKept() throws Exception {
    try (RunningGateway gw = RunningGateway.start(config(true, 200, 1))) {
      String inbound = post(gw, "sentinel", "{\"hello\":\"world\"}").bodyAsJsonObject().getString("id");
      waitUntil(() -> !"received".equals(inboundStatus(inbound)));
      assertEquals("failed", inboundStatus(inbound));
      String error = TestDatabase.text("SELECT error FROM inbound_state WHERE id = '" + inbound + "'");
      assertTrue(error.startsWith("$: "), error);
      assertEquals(0, TestDatabase.count("SELECT count(*) FROM alert"));
      assertEquals(1, TestDatabase.count("SELECT count(*) FROM inbound_event"));
    }
  }

  @Test
  @DisplayName("Hostile strings (unpaired surrogates, NUL escapes, RTL marks) are normalized and stored, not lost")
  void hostileStrings() throws Exception {
    try (RunningGateway gw = RunningGateway.start(config(true, 200, 1))) {
      String body = "{\"kibana.alert.uuid\":\"\\ud800-\\u0000\",\"kibana.alert.rule.name\":\"\\u202e\\ud83d\\udea8 x\\udc00\","
          + "\"user.name\":\"\\u0000\",\"nested\":{\"k\":\"\\u0000\"}}";
      String inbound = post(gw, "elastic", body).bodyAsJsonObject().getString("id");
      waitUntil(() -> !"received".equals(inboundStatus(inbound)));
      assertEquals("processed", inboundStatus(inbound),
          TestDatabase.text("SELECT error FROM inbound_state WHERE id = '" + inbound + "'"));
      String id = TestDatabase.text("SELECT id::text FROM alert WHERE inbound_id = '" + inbound + "'");
      AlertSchema.assertValid(alertDoc(id));
    }
  }

  @Test
  @DisplayName("One event the database refuses fails alone, with its reason; the events batched with it are stored")
  void poisonEventIsolated() throws Exception {
    int n = 50;
    try (RunningGateway ingestOnly = RunningGateway.start(config(false, 200, 0))) {
      postMany(ingestOnly, n);
    }
    String poison = TestDatabase.text("SELECT id::text FROM inbound_event ORDER BY id LIMIT 1 OFFSET 17");
    // A real database failure for exactly one event: a trigger refusing its alerts.
    TestDatabase.execute("CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + "IF NEW.inbound_id = '" + poison + "' THEN RAISE EXCEPTION 'poison refused'; END IF; RETURN NEW; END $$");
    TestDatabase.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON alert FOR EACH ROW EXECUTE FUNCTION refuse_poison()");
    try (RunningGateway gw = RunningGateway.start(config(true, 100, 0))) {
      waitUntil(() -> TestDatabase.count("SELECT count(*) FROM inbound_state WHERE status = 'received'") == 0);
    } finally {
      TestDatabase.execute("DROP TRIGGER refuse_poison ON alert");
      TestDatabase.execute("DROP FUNCTION refuse_poison()");
    }
    assertEquals("failed", inboundStatus(poison));
    assertTrue(TestDatabase.text("SELECT error FROM inbound_state WHERE id = '" + poison + "'").contains("poison refused"));
    assertEquals(n - 1, TestDatabase.count("SELECT count(*) FROM inbound_state WHERE status = 'processed'"));
    assertEquals(n - 1, TestDatabase.count("SELECT count(*) FROM alert"));
  }

  @Test
  @DisplayName("An alert without its own time takes the time the gateway received it, however late it is normalized")
  void fallbackTimeIsArrival() throws Exception {
    try (RunningGateway ingestOnly = RunningGateway.start(config(false, 200, 0))) {
      post(ingestOnly, "elastic", "{\"kibana.alert.uuid\":\"late-1\",\"kibana.alert.rule.name\":\"no time\"}");
    }
    Thread.sleep(1_500);
    try (RunningGateway gw = RunningGateway.start(config(true, 100, 0))) {
      waitUntil(() -> TestDatabase.count("SELECT count(*) FROM alert") == 1);
    }
    String received = TestDatabase.text("SELECT to_char(received_at AT TIME ZONE 'UTC', "
        + "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM inbound_event");
    JsonNode doc = alertDoc(TestDatabase.text("SELECT id::text FROM alert"));
    assertEquals(received, doc.get("timestamp").asText());
    assertEquals(received, doc.get("ingested_at").asText());
  }

  @Test
  @DisplayName("Events whose bus messages were lost (normalization off) are all normalized, once, after a restart")
  void recoversLostMessages() throws Exception {
    int n = 300;
    try (RunningGateway ingestOnly = RunningGateway.start(config(false, 200, 0))) {
      postMany(ingestOnly, n);
    }
    assertEquals(n, TestDatabase.count("SELECT count(*) FROM inbound_state WHERE status = 'received'"));
    try (RunningGateway gw = RunningGateway.start(config(true, 100, 0))) {
      waitUntil(() -> TestDatabase.count("SELECT count(*) FROM inbound_state WHERE status = 'received'") == 0);
    }
    assertEquals(n, TestDatabase.count("SELECT count(*) FROM inbound_state WHERE status = 'processed'"));
    assertEquals(n, TestDatabase.count("SELECT count(*) FROM alert"));
    assertEquals(n, TestDatabase.count("SELECT count(DISTINCT inbound_id) FROM alert"));
  }

  @Test
  @DisplayName("Two gateways on one database, fast paths and sweepers racing: every event normalized exactly once")
  void twoInstancesNoDoubleProcessing() throws Exception {
    int n = 2_000;
    // Backends report their statistics up to a second late: let earlier tests' figures settle first.
    Thread.sleep(1_500);
    long rollbacksBefore = TestDatabase.count("SELECT xact_rollback FROM pg_stat_database WHERE datname = 'postgres'");
    try (RunningGateway first = RunningGateway.start(config(true, 20, 0));
         RunningGateway second = RunningGateway.start(config(true, 20, 0))) {
      // Both ingest, so each one's fast path races its own and the other's sweeper (grace 0) for every event.
      postMany(first, n / 2);
      postMany(second, n / 2);
      waitUntil(() -> TestDatabase.count("SELECT count(*) FROM inbound_state WHERE status = 'received'") == 0);
    }
    Thread.sleep(1_500);
    // A double claim would have shown as a transaction rolled back on the alert_once constraint.
    assertEquals(0, TestDatabase.count("SELECT count(*) FROM inbound_state WHERE status = 'failed'"));
    assertTrue(TestDatabase.count("SELECT xact_rollback FROM pg_stat_database WHERE datname = 'postgres'")
        - rollbacksBefore < 5, "transactions were rolled back: a sign of a double claim");
    assertEquals(n, TestDatabase.count("SELECT count(*) FROM inbound_state WHERE status = 'processed'"));
    assertEquals(n, TestDatabase.count("SELECT count(*) FROM alert"));
    assertEquals(n, TestDatabase.count("SELECT count(DISTINCT inbound_id) FROM alert"));
  }

  private static GatewayConfig config(boolean pipeline, int sweepMs, int graceSeconds) {
    JsonObject yaml = TestConfigs.yaml().put("pipeline", new JsonObject()
        .put("enabled", pipeline).put("sweep_interval_ms", sweepMs).put("grace_seconds", graceSeconds));
    return GatewayConfig.parse(yaml, Map.of());
  }

  private static void postMany(RunningGateway gw, int n) {
    List<Future<HttpResponse<Buffer>>> responses = new ArrayList<>();
    String batch = java.util.UUID.randomUUID().toString();
    for (int i = 0; i < n; i++) {
      String body = "{\"kibana.alert.uuid\":\"many-" + batch + "-" + i + "\",\"kibana.alert.rule.name\":\"r\"}";
      responses.add(gw.post("elastic").putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, body))
          .sendBuffer(Buffer.buffer(body)));
    }
    gw.await(Future.join(responses));
    responses.forEach(r -> assertEquals(202, r.result().statusCode()));
  }

  private static HttpResponse<Buffer> post(RunningGateway gw, String source, String body) {
    String header = source.equals("elastic") ? "X-Elastic-Signature" : "X-Sentinel-Signature";
    String secret = source.equals("elastic") ? TestConfigs.ELASTIC_SECRET : TestConfigs.SENTINEL_SECRET;
    HttpResponse<Buffer> response = gw.send(gw.post(source).putHeader(header, Signatures.hex(secret, body)), body);
    assertEquals(202, response.statusCode(), response.bodyAsString());
    return response;
  }

  private static String inboundStatus(String id) {
    return TestDatabase.text("SELECT status FROM inbound_state WHERE id = '" + id + "'");
  }

  private static JsonNode alertDoc(String id) throws Exception {
    try (Connection db = TestDatabase.connect();
         PreparedStatement query = db.prepareStatement("SELECT doc::text FROM alert WHERE id = ?::uuid")) {
      query.setString(1, id);
      ResultSet row = query.executeQuery();
      assertTrue(row.next(), "no alert row " + id);
      return JSON.readTree(row.getString(1));
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not reached in 60 s");
      Thread.sleep(50);
    }
  }
}
