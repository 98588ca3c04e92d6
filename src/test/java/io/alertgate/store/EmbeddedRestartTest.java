package io.alertgate.store;

import io.alertgate.config.DatabaseConfig.Endpoint;
import io.alertgate.config.GatewayConfig;
import io.alertgate.support.LogCapture;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's own embedded PostgreSQL killed with SIGKILL: the gateway brings it back without a restart. */
class EmbeddedRestartTest {

  private static final int BATCH = 20;
  private static final long BACK_WITHIN_MS = 25_000;
  private static final int MAX_LOG_LINES = 10;
  private static final int MAX_WARNINGS = 12;
  private static final long NORMALIZED_WITHIN_MS = 10_000;

  @TempDir
  Path dataDir;

  private int sent;

  @Test
  @DisplayName("Postmaster killed: ingest answers 503 meanwhile, the server comes back, every 202 is stored once")
  void killedPostmasterComesBack() throws Exception {
    JsonObject yaml = TestConfigs.ownDatabaseYaml(dataDir);
    // The stages too: events whose hand-off was lost with the server are found by the sweeper once it is back.
    yaml.put("pipeline", new JsonObject().put("enabled", true).put("grace_seconds", 1));
    List<String> acknowledged = new ArrayList<>();
    try (LogCapture log = LogCapture.attach();
         RunningGateway gw = RunningGateway.start(GatewayConfig.parse(yaml, Map.of()))) {
      for (int i = 0; i < BATCH; i++) {
        acknowledged.add(acknowledgedId(gw));
      }
      int linesBefore = outageLines(log);
      int warningsBefore = log.warnings().size();
      ProcessHandle.of(postmasterPid()).orElseThrow().destroyForcibly();

      int unavailable = 0;
      boolean sawNotReady = false;
      long deadline = System.currentTimeMillis() + BACK_WITHIN_MS;
      boolean back = false;
      while (!back && System.currentTimeMillis() < deadline) {
        HttpResponse<Buffer> response = post(gw);
        if (response.statusCode() == 202) {
          acknowledged.add(response.bodyAsJsonObject().getString("id"));
        } else {
          assertEquals(503, response.statusCode(), response.bodyAsString());
          assertEquals("5", response.getHeader("Retry-After"));
          unavailable++;
        }
        boolean ready = readiness(gw) == 200;
        sawNotReady |= !ready;
        back = unavailable > 0 && ready && response.statusCode() == 202;
        Thread.sleep(50);
      }
      assertTrue(back, "the embedded PostgreSQL did not come back; 503s: " + unavailable);
      assertTrue(sawNotReady, "readiness never reported the database down");
      for (int i = 0; i < BATCH; i++) {
        acknowledged.add(acknowledgedId(gw));
      }
      assertEquals(200, gw.await(gw.client.get(gw.gateway.ingestPort(), "127.0.0.1", "/health/live").send())
          .statusCode());
      int outageLines = outageLines(log) - linesBefore;
      assertTrue(outageLines <= MAX_LOG_LINES, "too many log lines about the outage (" + outageLines + "):\n"
          + log.text());
      assertTrue(log.text().contains("Embedded PostgreSQL is back"), log.text());
      // Every part that met the outage (inbox, stages, gauges, watchdog) says so once, not once per try.
      List<String> warnings = log.warnings().subList(warningsBefore, log.warnings().size());
      assertTrue(warnings.size() <= MAX_WARNINGS, "too many warnings about the outage (" + warnings.size() + "):\n"
          + String.join("\n", warnings));
      assertStoredOnce(acknowledged);
      assertNormalizedEventually(acknowledged);
    }
  }

  /** The lines the inbox and the watchdog write about an outage (they were one per failed group commit). */
  private static int outageLines(LogCapture log) {
    return (int) log.text().lines()
        .filter(line -> line.contains("Inbox commit") || line.contains("commit of") || line.contains("PostgreSQL"))
        .count();
  }

  private String acknowledgedId(RunningGateway gw) {
    HttpResponse<Buffer> response = post(gw);
    assertEquals(202, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getString("id");
  }

  private HttpResponse<Buffer> post(RunningGateway gw) {
    String body = "{\"kibana.alert.uuid\":\"restart-" + sent++ + "\"}";
    return gw.send(gw.post("elastic").putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET,
        body)), body);
  }

  private static int readiness(RunningGateway gw) {
    return gw.await(gw.client.get(gw.gateway.ingestPort(), "127.0.0.1", "/health/ready").send()).statusCode();
  }

  /** postmaster.pid: the pid on line 1, the port on line 4. */
  private List<String> postmasterFile() throws Exception {
    return Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
  }

  private long postmasterPid() throws Exception {
    return Long.parseLong(postmasterFile().get(0).trim());
  }

  private void assertStoredOnce(List<String> acknowledged) throws Exception {
    assertEquals(acknowledged.size(), acknowledged.stream().distinct().count(), "ids repeat");
    assertEquals(acknowledged.size(), count("SELECT count(*) FROM inbound_event WHERE id = ANY(?::uuid[])",
        acknowledged), "every acknowledged alert stored exactly once");
  }

  private void assertNormalizedEventually(List<String> acknowledged) throws Exception {
    String query = "SELECT count(DISTINCT inbound_id) FROM alert WHERE inbound_id = ANY(?::uuid[])";
    long deadline = System.currentTimeMillis() + NORMALIZED_WITHIN_MS;
    while (count(query, acknowledged) < acknowledged.size() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(acknowledged.size(), count(query, acknowledged), "every acknowledged alert normalized");
  }

  private int count(String sql, List<String> ids) throws Exception {
    int port = Integer.parseInt(postmasterFile().get(3).trim());
    String password = Files.readString(dataDir.resolve("postgres-password")).trim();
    Endpoint endpoint = new Endpoint("127.0.0.1", port, "postgres", "postgres", password);
    try (Connection db = TestDatabase.connect(endpoint); PreparedStatement query = db.prepareStatement(sql)) {
      query.setArray(1, db.createArrayOf("text", ids.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
