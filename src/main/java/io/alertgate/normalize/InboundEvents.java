package io.alertgate.normalize;

import io.alertgate.bus.Addresses;
import io.alertgate.store.KeysetQuery;
import io.alertgate.store.RecentWindows;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Normalization's work as an operator sees it: each inbound event with where it stands, and reprocessing, which
 * sends an event through normalization again after a fix.
 */
public final class InboundEvents {

  /*
   * Back to the inbox, the earlier alerts' ids noted by their place in the event, and the alerts themselves gone,
   * in one transaction. The UPDATE comes first: it waits for a normalization holding the event's lock, and the
   * statements after it (a new snapshot) then see the alerts that normalization committed. Reprocessing replaces
   * alerts under their ids (docs/architecture.md, "Reprocessing"); it never adds a second set.
   */
  private static final String RESET = """
      UPDATE inbound_state SET status = %s, error = NULL, processed_at = NULL
      WHERE id = $1 RETURNING source""".formatted(InboundStatus.RECEIVED.literal());
  private static final String NOTE_IDS = """
      INSERT INTO alert_identity (inbound_id, ordinal, alert_id)
      SELECT inbound_id, ordinal, id FROM alert WHERE inbound_id = $1
      ON CONFLICT (inbound_id, ordinal) DO UPDATE SET alert_id = EXCLUDED.alert_id""";
  private static final String FORGET_ALERTS = "DELETE FROM alert WHERE inbound_id = $1";
  private static final String INGESTED = """
      SELECT source, count(*) FILTER (WHERE id >= $2), count(*) FROM inbound_state WHERE id >= $1
      GROUP BY source ORDER BY source""";

  /** One event's line in a listing. */
  public record Summary(UUID id, String source, Instant receivedAt, InboundStatus status, String error) {}

  private final Vertx vertx;
  private final Pool pool;

  public InboundEvents(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** Newest first, after the cursor (an id from an earlier page); a null filter is no condition. */
  public Future<List<Summary>> page(InboundStatus status, String source, UUID cursor, int limit) {
    KeysetQuery query = new KeysetQuery("SELECT id, source, received_at, status, error FROM inbound_state")
        .where("status", "=", status == null ? null : status.wireName())
        .where("source", "=", source)
        .after(cursor);
    return query.fetch(pool, limit, row -> new Summary(row.getUUID(0), row.getString(1),
        row.getOffsetDateTime(2).toInstant(), InboundStatus.ofWireName(row.getString(3)), row.getString(4)));
  }

  /** The events each source sent that ingest acknowledged, in each window; sources that sent none are left out. */
  public Future<Map<String, RecentWindows.Counts>> ingested(RecentWindows windows) {
    return pool.preparedQuery(INGESTED).execute(windows.firstIds()).map(RecentWindows::byKey);
  }

  /**
   * Sends the event back to normalization; empty when there is no such event. After the commit its id goes to its
   * source's fast path; if that message is lost, the sweeper takes the event.
   */
  public Future<Optional<UUID>> reprocess(UUID id) {
    return pool.withTransaction(sql -> sql.preparedQuery(RESET).execute(Tuple.of(id))
            .compose(rows -> sql.preparedQuery(NOTE_IDS).execute(Tuple.of(id))
                .compose(noted -> sql.preparedQuery(FORGET_ALERTS).execute(Tuple.of(id)))
                .map(deleted -> rows)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          vertx.eventBus().send(Addresses.inbox(rows.iterator().next().getString(0)), id.toString());
          return Optional.of(id);
        });
  }
}
