package io.alertgate.admin;

import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static io.alertgate.support.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a month of history, the operators' figures read what their windows hold, and the dead letters are found among
 * every delivery ever made without reading them all: PostgreSQL's own count of sequential scans of the work tables
 * does not move while the admin API answers, and the rows they read are the windows', not the month's.
 */
class HistoryBoundsTest {

  private static final long HOUR_OF_HISTORY = 200_000 / 720;
  private static final String TABLES = "'inbound_state', 'alert', 'alert_enrich', 'alert_route', 'delivery',"
      + " 'delivery_attempt'";
  // A month of history, 200,000 events in time order as ingest writes them, with time-ordered (v7) ids; every
  // 400th delivery dead, the rest delivered, the last hour's share like the rest.
  private static final String HISTORY = """
      CREATE TEMP TABLE history AS
        SELECT i, t, (lpad(to_hex((extract(epoch FROM t) * 1000)::bigint), 12, '0') || '7'
                      || substr(md5(i::text), 1, 3) || '8' || substr(md5(i::text), 4, 15))::uuid AS id
        FROM generate_series(1, 200000) i, LATERAL (SELECT now() - interval '30 days' * (1 - i / 200000.0)) AS w(t);
      INSERT INTO inbound_state (id, source, received_at, body_bytes, status, processed_at)
        SELECT id, 'elastic', t, 100, 'processed', t FROM history;
      INSERT INTO alert (id, inbound_id, ordinal, source, severity, status, correlation_key, occurred_at, doc)
        SELECT id, id, 0, 'elastic', 'high', 'open', 'k' || i, t, '{}' FROM history;
      INSERT INTO alert_enrich (alert_id, severity_rank, queued_at, next_attempt_at, enriched_at, done_at, status)
        SELECT id, 3, t, t, t, t, 'complete' FROM history;
      INSERT INTO alert_route (alert_id, queued_at, routed_at) SELECT id, t, t FROM history;
      INSERT INTO delivery (id, alert_id, destination, idempotency_key, event_type, status, attempts, created_at,
                            first_attempt_at, next_attempt_at, finished_at)
        SELECT id, id, 'soc', 'k' || i, 'created', CASE WHEN i % 400 = 0 THEN 'dead' ELSE 'delivered' END, 1, t, t, t,
               t FROM history;
      INSERT INTO delivery_attempt (delivery_id, attempt, started_at, duration_ms, result)
        SELECT id, 1, t, 5, CASE WHEN i % 400 = 0 THEN 'permanent' ELSE 'delivered' END FROM history;
      ANALYZE inbound_state, alert, alert_enrich, alert_route, delivery, delivery_attempt""";

  @BeforeAll
  static void history() {
    TestDatabase.truncate();
    TestDatabase.execute(HISTORY);
  }

  @AfterAll
  static void clean() {
    TestDatabase.truncate();
  }

  @Test
  @DisplayName("Stats, the dead-letter listing and bulk replay read a few windows' worth of rows, never the month")
  void boundedReads() throws Exception {
    Map<String, Reads> before;
    try (RunningGateway gw = RunningGateway.start(TestConfigs.config())) {
      before = reads();
      HttpResponse<Buffer> stats = admin(gw, HttpMethod.GET, "/api/v1/stats");
      assertEquals(200, stats.statusCode(), stats.bodyAsString());
      assertEquals(HOUR_OF_HISTORY, stats.bodyAsJsonObject().getJsonObject("sources").getJsonObject("elastic")
          .getJsonObject("ingested").getLong("last_hour"), 2.0);
      HttpResponse<Buffer> deadLetters = admin(gw, HttpMethod.GET, "/api/v1/deliveries?status=dead&limit=50");
      assertEquals(50, deadLetters.bodyAsJsonObject().getJsonArray("deliveries").size());
      HttpResponse<Buffer> replayed = gw.await(gw.client.post(gw.gateway.adminPort(), "127.0.0.1",
          "/api/v1/deliveries/replay").putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN)
          .sendBuffer(Buffer.buffer("{\"limit\":10}")));
      assertEquals(new JsonObject().put("replayed", 10).put("more", true), replayed.bodyAsJsonObject());
    }
    // A session's counts reach the statistics when it ends.
    waitUntil(() -> TestDatabase.count("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE"
        + " 'alertgate-%'") == 0);
    Map<String, Reads> after = reads();
    for (Map.Entry<String, Reads> table : after.entrySet()) {
      Reads was = before.get(table.getKey());
      long read = table.getValue().rows() - was.rows();
      assertEquals(was.sequentialScans(), table.getValue().sequentialScans(), table.getKey() + " scanned whole");
      assertTrue(read <= 4 * HOUR_OF_HISTORY, table.getKey() + ": " + read + " rows read for an hour of "
          + HOUR_OF_HISTORY);
    }
  }

  private static HttpResponse<Buffer> admin(RunningGateway gw, HttpMethod method, String path) {
    return gw.await(gw.client.request(method, gw.gateway.adminPort(), "127.0.0.1", path)
        .putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).send());
  }

  /** A table's sequential scans, and the rows they and its index scans read. */
  private record Reads(long sequentialScans, long rows) {}

  private static Map<String, Reads> reads() throws SQLException {
    Map<String, Reads> reads = new HashMap<>();
    try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT relname, seq_scan, seq_tup_read + coalesce(idx_tup_fetch, 0)"
             + " FROM pg_stat_user_tables WHERE relname IN (" + TABLES + ")")) {
      while (rows.next()) {
        reads.put(rows.getString(1), new Reads(rows.getLong(2), rows.getLong(3)));
      }
    }
    return reads;
  }
}
