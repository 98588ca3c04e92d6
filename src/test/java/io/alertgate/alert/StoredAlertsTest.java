package io.alertgate.alert;

import io.alertgate.store.TimeOrderedIds;
import io.alertgate.support.PooledVertx;
import io.alertgate.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The read model every later stage loads alerts through, on the real table. */
class StoredAlertsTest {

  private PooledVertx db;

  @BeforeEach
  void setUp() {
    TestDatabase.truncate();
    db = PooledVertx.open("test", 2);
  }

  @AfterEach
  void tearDown() throws Exception {
    db.close();
  }

  @Test
  @DisplayName("Loading by ids gives every column in id order and leaves out ids with no alert")
  void loadsByIds() throws Exception {
    UUID inbound = TimeOrderedIds.next();
    UUID first = store(inbound, 0, "critical", "open", "{\"title\":\"one\"}");
    UUID second = store(inbound, 1, "info", "closed", "{\"title\":\"two\"}");

    List<StoredAlert> loaded = await(StoredAlerts.load(db.pool, List.of(second, UUID.randomUUID(), first)));

    assertEquals(List.of(first, second), loaded.stream().map(StoredAlert::id).toList());
    StoredAlert one = loaded.get(0);
    assertEquals(inbound, one.inboundId());
    assertEquals("elastic", one.source());
    assertEquals(Severity.CRITICAL, one.severity());
    assertEquals(AlertStatus.OPEN, one.status());
    assertEquals("key-0", one.correlationKey());
    assertEquals(Instant.parse("2026-01-02T03:04:05.678Z"), one.occurredAt());
    assertEquals("{\"title\":\"one\"}", one.document());
    assertEquals(AlertStatus.CLOSED, loaded.get(1).status());
    assertEquals(Optional.of("{\"title\":\"two\"}"), await(StoredAlerts.document(db.pool, second)));
    assertEquals(Optional.empty(), await(StoredAlerts.document(db.pool, UUID.randomUUID())));
  }

  @Test
  @DisplayName("A page is newest first, narrowed by its filter, and continues after its cursor")
  void pages() throws Exception {
    UUID inbound = TimeOrderedIds.next();
    UUID first = store(inbound, 0, "high", "open", "{}");
    UUID second = store(inbound, 1, "high", "open", "{}");
    store(inbound, 2, "low", "open", "{}");
    StoredAlerts.Filter high = new StoredAlerts.Filter("elastic", Severity.HIGH, null, null, inbound);

    List<StoredAlerts.Document> page = await(StoredAlerts.page(db.pool, high, null, 10));
    List<StoredAlerts.Document> after = await(StoredAlerts.page(db.pool, high, second, 10));

    assertEquals(List.of(second, first), page.stream().map(StoredAlerts.Document::id).toList());
    assertEquals(List.of(first), after.stream().map(StoredAlerts.Document::id).toList());
  }

  @Test
  @DisplayName("An alert's enrichment, kept in its enrichment row, is its document's last member for every reader;"
      + " one not yet enriched reads as stored")
  void enrichmentAdded() throws Exception {
    UUID inbound = TimeOrderedIds.next();
    UUID enriched = store(inbound, 0, "high", "open", "{\"title\":\"caf\u00e9 \u2603\"}");
    UUID waiting = store(inbound, 1, "high", "open", "{\"title\":\"two\"}");
    String enrichment = "{\"status\":\"complete\",\"results\":[],\"verdict\":\"clean\"}";
    TestDatabase.execute("INSERT INTO alert_enrich (alert_id, severity_rank, enrichment) VALUES ('" + enriched
        + "', 3, '" + enrichment + "'), ('" + waiting + "', 3, NULL)");
    String expected = "{\"title\":\"caf\u00e9 \u2603\",\"enrichment\":" + enrichment + "}";

    assertEquals(expected, await(StoredAlerts.load(db.pool, List.of(enriched))).get(0).document());
    assertEquals(Optional.of(expected), await(StoredAlerts.document(db.pool, enriched)));
    assertEquals(expected, await(StoredAlerts.page(db.pool, new StoredAlerts.Filter(null, null, null, null, inbound),
        null, 10)).get(1).json());
    assertEquals(Optional.of("{\"title\":\"two\"}"), await(StoredAlerts.document(db.pool, waiting)));
  }

  private static UUID store(UUID inbound, int ordinal, String severity, String status, String doc) {
    UUID id = TimeOrderedIds.next();
    TestDatabase.execute("INSERT INTO alert (id, inbound_id, ordinal, source, severity, status, correlation_key,"
        + " occurred_at, doc) VALUES ('" + id + "', '" + inbound + "', " + ordinal + ", 'elastic', '" + severity
        + "', '" + status + "', 'key-" + ordinal + "', '2026-01-02T03:04:05.678Z', '" + doc + "')");
    return id;
  }

}
