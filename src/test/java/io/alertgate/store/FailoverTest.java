package io.alertgate.store;

import io.alertgate.config.DatabaseConfig.Endpoint;
import io.alertgate.config.GatewayConfig;
import io.alertgate.support.LogCapture;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.alertgate.support.WebhookReceiver;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.alertgate.support.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failover as the gateway sees it: every connection it holds is dropped by the server, again and again, while
 * alerts come in and flow through every stage. Nothing acknowledged may be lost, failed or delivered twice, and each
 * stage must carry on by itself once the connections hold again.
 */
class FailoverTest {

  private static final int WAVES = 20;
  private static final int PER_WAVE = 40;
  private static final int DROPS = 12;
  private static final long DROP_EVERY_MS = 250;

  @Test
  @DisplayName("Connections dropped by the server mid-load: every acknowledged alert is delivered once, none failed")
  void droppedConnectionsMidLoad(@TempDir Path dataDir) throws Exception {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, false);
         WebhookReceiver receiver = new WebhookReceiver();
         LogCapture log = LogCapture.attach()) {
      Endpoint endpoint = database.endpoint();
      JsonObject yaml = receiver.gatewayYaml("soc");
      yaml.getJsonObject("database").put("url", "postgresql://postgres:" + endpoint.password() + "@"
          + endpoint.host() + ":" + endpoint.port() + "/postgres");
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicInteger refused = new AtomicInteger();
      AtomicInteger drops = new AtomicInteger();
      try (RunningGateway gw = RunningGateway.start(GatewayConfig.parse(yaml, Map.of()));
           Connection admin = TestDatabase.connect(endpoint)) {
        Thread failovers = new Thread(() -> dropConnections(admin, drops), "failovers");
        int sent = 0;
        // The load outlasts the drops however fast the machine is: waves go on until every drop has happened.
        for (int wave = 0; wave < WAVES || failovers.isAlive(); wave++) {
          if (wave == 2) {
            failovers.start();
          }
          sent += PER_WAVE;
          List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
          for (int i = 0; i < PER_WAVE; i++) {
            String body = "{\"kibana.alert.uuid\":\"failover-" + wave + "-" + i + "\"}";
            answers.add(gw.post("elastic").putHeader("X-Elastic-Signature",
                Signatures.hex(TestConfigs.ELASTIC_SECRET, body)).sendBuffer(Buffer.buffer(body)));
          }
          gw.await(Future.join(answers).otherwiseEmpty());
          for (Future<HttpResponse<Buffer>> answer : answers) {
            assertTrue(answer.succeeded(), "every request is answered: " + answer.cause());
            HttpResponse<Buffer> response = answer.result();
            if (response.statusCode() == 202) {
              acknowledged.add(response.bodyAsJsonObject().getString("id"));
            } else {
              assertEquals(503, response.statusCode(), response.bodyAsString());
              refused.incrementAndGet();
            }
          }
        }
        failovers.join();
        assertEquals(DROPS, drops.get(), "the connections were dropped every time");

        // Every stage resumes by itself: each acknowledged alert reaches the receiver, under one webhook-id.
        Map<String, Set<String>> webhookIdsByAlert = new ConcurrentHashMap<>();
        waitUntil(() -> {
          receiver.calls().forEach(call -> webhookIdsByAlert.computeIfAbsent(
              new JsonObject(call.body()).getJsonObject("custom_details").getString("alert_id"),
              alert -> ConcurrentHashMap.newKeySet()).add(call.webhookId()));
          return webhookIdsByAlert.size() >= acknowledged.size();
        });
        assertEquals(acknowledged.size(), webhookIdsByAlert.size(), "one alert per acknowledged event");
        webhookIdsByAlert.forEach((alert, ids) -> assertEquals(1, ids.size(), "alert " + alert + " sent as " + ids));
        assertEquals(acknowledged, stored(admin, "SELECT inbound_id::text FROM alert"),
            "every acknowledged event normalized into one alert");
        assertEquals(Set.of(), stored(admin, "SELECT id::text FROM inbound_state WHERE status <> 'processed'"),
            "no event recorded as failed because its connection was dropped");
        assertTrue(acknowledged.size() > sent / 2, "too few acknowledged of " + sent + ": " + acknowledged.size()
            + " (refused " + refused.get() + ")");
      }
      assertTrue(log.warnings().stream().noneMatch(line -> line.startsWith("ERROR")),
          "no ERROR for a dropped connection:\n" + String.join("\n", log.warnings()));
    }
  }

  /** What a failover does to a client: every connection but this one is cut, every DROP_EVERY_MS. */
  private static void dropConnections(Connection admin, AtomicInteger drops) {
    try (Statement statement = admin.createStatement()) {
      while (drops.get() < DROPS) {
        statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'");
        drops.incrementAndGet();
        Thread.sleep(DROP_EVERY_MS);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> stored(Connection admin, String sql) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Statement statement = admin.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }
}
