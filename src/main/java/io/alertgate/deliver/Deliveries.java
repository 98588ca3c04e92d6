package io.alertgate.deliver;

import io.alertgate.bus.Addresses;
import io.alertgate.json.WireName;
import io.alertgate.store.KeysetQuery;
import io.alertgate.store.RowLists;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Deliveries as an operator sees them: each with where it stands and why, and replay, which sends a dead (or
 * waiting) delivery again at once, under its same id, so the destination recognises it.
 */
public final class Deliveries {

  private static final String COLUMNS = """
      SELECT id, alert_id, destination, event_type, status, attempts, next_attempt_at, last_status, last_error,
             external_ref, created_at, finished_at, lease_until > now() AND finished_at IS NULL FROM delivery""";
  private static final String FOR_ALERT = COLUMNS + " WHERE alert_id = $1 ORDER BY id";
  // Its retries start again, and so does its age: a replay is an operator's decision to try anew. Its attempts
  // keep counting, so the attempt log stays one numbered list.
  private static final String REPLAY = """
      UPDATE delivery SET status = %1$s, retries_from = attempts, first_attempt_at = NULL, next_attempt_at = now(),
                          finished_at = NULL, lease_until = NULL, lease_token = NULL
      WHERE id = $1 AND status IN (%2$s, %1$s, %3$s)
      RETURNING id""".formatted(DeliveryStatus.PENDING.literal(), DeliveryStatus.DEAD.literal(),
      DeliveryStatus.RETRYING.literal());
  private static final String EXISTS = "SELECT status FROM delivery WHERE id = $1";

  /**
   * One delivery's line in a listing.
   *
   * @param inFlight leased by an instance that is calling its destination now
   */
  public record Summary(UUID id, UUID alertId, String destination, String eventType, DeliveryStatus status,
                        int attempts, Instant nextAttemptAt, Integer lastStatus, String lastError, String externalRef,
                        Instant createdAt, Instant finishedAt, boolean inFlight) {}

  /** What a replay came to. */
  public enum Replay { REPLAYED, ALREADY_DELIVERED, NOT_FOUND }

  private final Vertx vertx;
  private final Pool pool;

  public Deliveries(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** Newest first, after the cursor (an id from an earlier page); a null filter is no condition. */
  public Future<List<Summary>> page(DeliveryStatus status, String destination, UUID cursor, int limit) {
    KeysetQuery query = new KeysetQuery(COLUMNS)
        .where("status", "=", status == null ? null : status.wireName())
        .where("destination", "=", destination)
        .after(cursor);
    return query.fetch(pool, limit, Deliveries::summary);
  }

  /** An alert's deliveries, in the order they were routed. */
  public Future<List<Summary>> forAlert(UUID alertId) {
    return pool.preparedQuery(FOR_ALERT).execute(Tuple.of(alertId)).map(rows -> RowLists.of(rows, Deliveries::summary));
  }

  /** Sends the delivery again at once; a delivered one is left as it is. */
  public Future<Replay> replay(UUID id) {
    return pool.preparedQuery(REPLAY).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() > 0) {
        // After the commit; if this message is lost, the sweeper takes the delivery.
        vertx.eventBus().send(Addresses.DELIVERIES, id.toString());
        return Future.succeededFuture(Replay.REPLAYED);
      }
      return pool.preparedQuery(EXISTS).execute(Tuple.of(id))
          .map(found -> found.size() == 0 ? Replay.NOT_FOUND : Replay.ALREADY_DELIVERED);
    });
  }

  private static Summary summary(Row row) {
    return new Summary(row.getUUID(0), row.getUUID(1), row.getString(2), row.getString(3),
        WireName.parse(DeliveryStatus.class, row.getString(4)), row.getInteger(5), instant(row.getOffsetDateTime(6)),
        row.getInteger(7), row.getString(8), row.getString(9), instant(row.getOffsetDateTime(10)),
        instant(row.getOffsetDateTime(11)), Boolean.TRUE.equals(row.getBoolean(12)));
  }

  private static Instant instant(OffsetDateTime time) {
    return Optional.ofNullable(time).map(OffsetDateTime::toInstant).orElse(null);
  }
}
