package io.alertgate.store;

import io.alertgate.config.DatabaseConfig.Endpoint;
import io.alertgate.config.GatewayConfig;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stops the database in the middle of a load: every 202 must have its row, every failure must be a 503. */
class StorageOutageTest {

  private static final int REQUESTS = 3_000;
  private static final int STOP_AFTER = 600;

  @Test
  @DisplayName("Database stopped mid-load: every acknowledged event has a row, every other request got 503")
  void databaseStopsMidLoad(@TempDir Path dataDir) throws Exception {
    EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, false);
    Endpoint endpoint = database.endpoint();
    JsonObject yaml = TestConfigs.yaml();
    yaml.getJsonObject("database").put("url", "postgresql://postgres:" + endpoint.password() + "@" + endpoint.host()
        + ":" + endpoint.port() + "/postgres");
    Set<String> acknowledged = new HashSet<>();
    try (RunningGateway gw = RunningGateway.start(GatewayConfig.parse(yaml, Map.of()))) {
      AtomicInteger completed = new AtomicInteger();
      CompletableFuture<Void> stopped = new CompletableFuture<>();
      List<Future<HttpResponse<Buffer>>> responses = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        String body = "{\"kibana.alert.uuid\":\"outage-" + i + "\"}";
        responses.add(gw.post("elastic")
            .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, body))
            .sendBuffer(Buffer.buffer(body))
            .onComplete(done -> {
              if (completed.incrementAndGet() == STOP_AFTER) {
                // Stopping PostgreSQL blocks: not on the event loop.
                new Thread(() -> {
                  database.close();
                  stopped.complete(null);
                }).start();
              }
            }));
      }
      gw.await(Future.join(responses).otherwiseEmpty());
      stopped.get(60, java.util.concurrent.TimeUnit.SECONDS);

      int unavailable = 0;
      for (Future<HttpResponse<Buffer>> future : responses) {
        assertTrue(future.succeeded(), "the gateway must answer every request: " + future.cause());
        HttpResponse<Buffer> response = future.result();
        if (response.statusCode() == 202) {
          acknowledged.add(response.bodyAsJsonObject().getString("id"));
        } else {
          assertEquals(503, response.statusCode(), response.bodyAsString());
          assertEquals("storage_unavailable", response.bodyAsJsonObject().getString("error"));
          assertEquals("5", response.getHeader("Retry-After"));
          unavailable++;
        }
      }
      assertTrue(acknowledged.size() >= STOP_AFTER / 2, "too few acknowledged before the stop: " + acknowledged.size());
      assertTrue(unavailable > 0, "the database stop did not reach any request");
      // Readiness follows a periodic database check: it must turn within a few seconds.
      int readiness = 200;
      for (int attempt = 0; attempt < 50 && readiness != 503; attempt++) {
        Thread.sleep(100);
        readiness = gw.await(gw.client.get(gw.gateway.ingestPort(), "127.0.0.1", "/health/ready").send()).statusCode();
      }
      assertEquals(503, readiness);
    }

    try (EmbeddedDatabase restarted = EmbeddedDatabase.start(dataDir, false);
         Connection db = TestDatabase.connect(restarted.endpoint());
         Statement statement = db.createStatement();
         ResultSet rows = statement.executeQuery("SELECT id::text FROM inbound_event")) {
      Set<String> stored = new HashSet<>();
      while (rows.next()) {
        stored.add(rows.getString(1));
      }
      Set<String> lost = new HashSet<>(acknowledged);
      lost.removeAll(stored);
      assertEquals(Set.of(), lost, "acknowledged but not stored");
    }
  }
}
