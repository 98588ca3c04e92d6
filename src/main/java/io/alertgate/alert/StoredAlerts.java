package io.alertgate.alert;

import io.alertgate.store.KeysetQuery;
import io.alertgate.store.RecentWindows;
import io.alertgate.store.RowLists;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The read model of stored alerts, for every stage after normalization and for the admin API: the one place that
 * reads the {@code alert} table (normalization alone writes it), and adds to each document its enrichment. Works on whatever client it is given: a pool, or
 * a stage's connection inside its transaction.
 */
public final class StoredAlerts {

  // The document as readers see it: as normalization wrote it, with the enrichment its enrichment row holds as its
  // last member (V18). Documents are compact JSON objects written by the gateway, never empty, so the enrichment is
  // spliced in before the closing brace: no parse of the document in the database.
  private static final String ENRICHED_DOC = """
      coalesce((SELECT left(alert.doc, -1) || ',"enrichment":' || e.enrichment || '}' FROM alert_enrich e
                WHERE e.alert_id = alert.id AND e.enrichment IS NOT NULL), alert.doc)""";
  private static final String COLUMNS =
      "SELECT id, inbound_id, source, severity, status, correlation_key, occurred_at, " + ENRICHED_DOC + " FROM alert";
  private static final String DOCUMENT = "SELECT " + ENRICHED_DOC + " FROM alert WHERE id = $1";
  private static final String BY_IDS = COLUMNS + " WHERE id = ANY($1) ORDER BY id";
  private static final String HEADS_BY_IDS = """
      SELECT id, inbound_id, source, severity, status, correlation_key, occurred_at, NULL FROM alert
      WHERE id = ANY($1) ORDER BY id""";

  // Counted on the key alone: an index-only scan, the documents never read.
  private static final String RECENT = "SELECT count(*) FILTER (WHERE id >= $2), count(*) FROM alert WHERE id >= $1";

  /** What a listing may be narrowed by; null is no condition. */
  public record Filter(String source, Severity severity, AlertStatus status, OffsetDateTime since, UUID inboundId) {}

  /** An alert's document as stored, with its id: what a listing sends, without reading the columns beside it. */
  public record Document(UUID id, String json) {}

  private StoredAlerts() {
  }

  /** The document alone, as stored: what the admin API answers for one alert. */
  public static Future<Optional<String>> document(SqlClient client, UUID id) {
    return client.preparedQuery(DOCUMENT).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  /** How many alerts normalization stored in each window (a reprocessed alert keeps its first time). */
  public static Future<RecentWindows.Counts> recent(SqlClient client, RecentWindows windows) {
    return client.preparedQuery(RECENT).execute(windows.firstIds()).map(rows -> {
      Row row = rows.iterator().next();
      return new RecentWindows.Counts(row.getLong(0), row.getLong(1));
    });
  }

  /** These alerts, in id order; ids with no alert are left out. */
  public static Future<List<StoredAlert>> load(SqlClient client, List<UUID> ids) {
    return client.preparedQuery(BY_IDS).execute(Tuple.of(ids.toArray(UUID[]::new))).map(StoredAlerts::read);
  }

  /**
   * These alerts without their documents (which carry the vendor's raw object, up to a body's size): for a stage
   * that decides on the columns alone. Their {@code document} is null.
   */
  public static Future<List<StoredAlert>> loadHeads(SqlClient client, List<UUID> ids) {
    return client.preparedQuery(HEADS_BY_IDS).execute(Tuple.of(ids.toArray(UUID[]::new))).map(StoredAlerts::read);
  }

  /**
   * A SQL expression for the size in bytes of the document of the alert whose id is in {@code idColumn}, or 1 where
   * there is no such alert: for a stage's claim to weigh its batch by the documents it will load. A large document is
   * stored out of line, and its size is read from its pointer without loading it.
   */
  public static String documentBytes(String idColumn) {
    return "coalesce((SELECT octet_length(doc) FROM alert WHERE alert.id = " + idColumn + "), 1)";
  }

  /** Documents newest first, after the cursor (an id from an earlier page), at most limit. */
  public static Future<List<Document>> page(SqlClient client, Filter filter, UUID cursor, int limit) {
    KeysetQuery query = new KeysetQuery("SELECT id, " + ENRICHED_DOC + " FROM alert")
        .where("source", "=", filter.source())
        .where("severity", "=", filter.severity() == null ? null : filter.severity().wireName())
        .where("status", "=", filter.status() == null ? null : filter.status().wireName())
        .where("occurred_at", ">=", filter.since())
        .where("inbound_id", "=", filter.inboundId())
        .after(cursor);
    return query.fetch(client, limit, row -> new Document(row.getUUID(0), row.getString(1)));
  }

  private static List<StoredAlert> read(RowSet<Row> rows) {
    return RowLists.of(rows, row -> new StoredAlert(row.getUUID(0), row.getUUID(1), row.getString(2),
        Severity.ofWireName(row.getString(3)), AlertStatus.ofWireName(row.getString(4)), row.getString(5),
        row.getOffsetDateTime(6).toInstant(), row.getString(7)));
  }
}
