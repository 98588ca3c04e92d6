package io.alertgate.deliver;

import io.alertgate.alert.EventType;
import io.alertgate.bus.Addresses;
import io.alertgate.json.WireName;
import io.alertgate.store.KeysetQuery;
import io.alertgate.store.RecentWindows;
import io.alertgate.store.RowLists;
import io.alertgate.store.TimeOrderedIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Deliveries as an operator sees them: each with where it stands and why, and replay, which sends a dead (or
 * waiting) delivery again at once, under its same id, so the destination recognises it.
 */
public final class Deliveries {

  private static final String COLUMNS = """
      SELECT id, alert_id, destination, event_type, status, attempts, next_attempt_at, last_status, last_error,
             external_ref, created_at, finished_at, lease_until > now() AND finished_at IS NULL, action
      FROM delivery""";
  private static final String FOR_ALERT = COLUMNS + " WHERE alert_id = $1 ORDER BY id";
  /** What a replay sends again: every status but delivered, which would be sent twice. */
  private static final List<DeliveryStatus> REPLAYABLE = List.of(DeliveryStatus.DEAD, DeliveryStatus.RETRYING,
      DeliveryStatus.PENDING);
  // Its retries start again, and so does its age: a replay is an operator's decision to try anew. Its attempts
  // keep counting, so the attempt log stays one numbered list.
  private static final String REPLAYED = """
      UPDATE delivery SET status = %s, retries_from = attempts, first_attempt_at = NULL, next_attempt_at = now(),
                          finished_at = NULL, lease_until = NULL, lease_token = NULL""".formatted(
      DeliveryStatus.PENDING.literal());
  private static final String REPLAY = REPLAYED + " WHERE id = $1 AND status IN ("
      + String.join(", ", REPLAYABLE.stream().map(DeliveryStatus::literal).toList()) + ") RETURNING id";
  /*
   * The oldest matches first, so that an incident's earlier delivery is never left behind its later one by the
   * limit. Each is locked as it is picked: a replay or a claim running meanwhile skips it rather than waits, and it
   * is replayed once. One more is picked than replayed, to say whether more remain. A delivery in flight (its lease
   * alive) is not matched: its attempt's outcome is about to be written, and replaying it would throw that away.
   * The status is written out so the plan can use the index that holds it (delivery_dead, delivery_due).
   */
  private static final String REPLAY_MATCHING = """
      WITH picked AS (
        SELECT id FROM delivery WHERE status = %s AND (lease_until IS NULL OR lease_until < now())%s
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED),
      replayed AS (
        %s WHERE id IN (SELECT id FROM picked ORDER BY id LIMIT $2) RETURNING id)
      SELECT id, (SELECT count(*) FROM picked) FROM replayed""";
  private static final String EXISTS = "SELECT status FROM delivery WHERE id = $1";
  private static final String ONE = COLUMNS + " WHERE id = $1";
  private static final String RECORD = """
      INSERT INTO delivery (id, destination, idempotency_key, event_type, action, request)
      VALUES ($1, $2, $3, $4, $5, $6)""";
  // Delivered and dead by when they finished, failed attempts by when they started: each window is a range of an
  // index (V21), whatever the age of the delivery.
  private static final String OUTCOMES = """
      SELECT destination, status, count(*) FILTER (WHERE finished_at >= $2), count(*)
      FROM delivery WHERE finished_at >= $1 GROUP BY destination, status
      UNION ALL
      SELECT d.destination, 'failed', count(*) FILTER (WHERE a.started_at >= $2), count(*)
      FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
      WHERE a.started_at >= $1 AND a.result <> 'delivered' GROUP BY d.destination""";
  private static final String ATTEMPTS = """
      SELECT delivery_id, attempt, started_at, duration_ms, result, status, error, request, response
      FROM delivery_attempt WHERE delivery_id = ANY($1) ORDER BY delivery_id, attempt""";

  /**
   * One delivery's line in a listing.
   *
   * @param inFlight leased by an instance that is calling its destination now
   */
  public record Summary(UUID id, UUID alertId, String destination, String eventType, DeliveryStatus status,
                        int attempts, Instant nextAttemptAt, Integer lastStatus, String lastError, String externalRef,
                        Instant createdAt, Instant finishedAt, boolean inFlight, String action) {}

  /**
   * One attempt as its log keeps it.
   *
   * @param request  what was sent, redacted: method, address without path or query, size
   * @param response the start of the answer
   */
  public record Attempt(UUID deliveryId, int number, Instant startedAt, int durationMs, String result, Integer status,
                        String error, String request, String response) {}

  /** What a replay came to. */
  public enum Replay { REPLAYED, ALREADY_DELIVERED, NOT_FOUND }

  /**
   * Which deliveries a bulk replay sends again; a null filter is no condition.
   *
   * @param status one of {@link #replayable()}
   * @param since  routed at or after
   * @param until  routed before
   * @param limit  at most this many
   */
  public record Matching(DeliveryStatus status, String destination, Instant since, Instant until, int limit) {

    public Matching {
      if (!REPLAYABLE.contains(status) || limit < 1) {
        throw new IllegalArgumentException("a replay takes one of " + REPLAYABLE + " and a limit of 1 or more");
      }
    }
  }

  /** What a bulk replay came to: how many it sent again, and whether more matched than its limit let it. */
  public record BulkReplay(int replayed, boolean more) {}

  /** A delivery leased by an instance that is calling its destination now. */
  public static final String IN_FLIGHT = "in_flight";

  private final Vertx vertx;
  private final Pool pool;

  public Deliveries(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** What a listing may be narrowed to: a status, or those being attempted now. */
  public static List<String> listedStatuses() {
    List<String> statuses = new ArrayList<>(WireName.all(DeliveryStatus.class));
    statuses.add(IN_FLIGHT);
    return statuses;
  }

  /**
   * Newest first, after the cursor (an id from an earlier page); a null filter is no condition.
   *
   * @param status one of {@link #listedStatuses()}
   */
  public Future<List<Summary>> page(String status, String destination, UUID cursor, int limit) {
    boolean inFlight = IN_FLIGHT.equals(status);
    KeysetQuery query = new KeysetQuery(COLUMNS)
        .where("status", "=", inFlight ? null : status)
        .where("lease_until", ">", inFlight ? OffsetDateTime.now(ZoneOffset.UTC) : null)
        .where("destination", "=", destination)
        .after(cursor);
    return query.fetch(pool, limit, Deliveries::summary);
  }

  /** An alert's deliveries, in the order they were routed. */
  public Future<List<Summary>> forAlert(UUID alertId) {
    return pool.preparedQuery(FOR_ALERT).execute(Tuple.of(alertId)).map(rows -> RowLists.of(rows, Deliveries::summary));
  }

  public Future<Optional<Summary>> get(UUID id) {
    return pool.preparedQuery(ONE).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(summary(rows.iterator().next())));
  }

  /** The attempt logs of these deliveries, each in order. */
  public Future<List<Attempt>> attempts(List<UUID> deliveryIds) {
    return pool.preparedQuery(ATTEMPTS).execute(Tuple.of(deliveryIds.toArray(UUID[]::new)))
        .map(rows -> RowLists.of(rows, row -> new Attempt(row.getUUID(0), row.getInteger(1),
            instant(row.getOffsetDateTime(2)), row.getInteger(3), row.getString(4), row.getInteger(5),
            row.getString(6), row.getString(7), row.getString(8))));
  }

  /**
   * Records an integration endpoint's request as a delivery to the destination, and sends it on its way at once.
   *
   * @param key     what the destination de-duplicates on: the incident id the operator gave
   * @param action  the endpoint's name, for the operator
   * @param request see {@link ActionRequest#of}
   */
  public Future<UUID> record(String destination, EventType eventType, String key, String action,
                             JsonObject request) {
    UUID id = TimeOrderedIds.next();
    return pool.preparedQuery(RECORD)
        .execute(Tuple.of(id, destination, key, eventType.wireName(), action, request))
        .map(done -> {
          vertx.eventBus().send(Addresses.DELIVERIES, id.toString());
          return id;
        });
  }

  /**
   * What each destination came to in each window: {@code delivered} and {@code dead} deliveries by when they
   * finished, {@code failed} attempts (retried or not) by when they started. Destinations with none are left out.
   */
  public Future<Map<String, Map<String, RecentWindows.Counts>>> outcomes(RecentWindows windows) {
    return pool.preparedQuery(OUTCOMES).execute(windows.starts()).map(rows -> {
      Map<String, Map<String, RecentWindows.Counts>> outcomes = new TreeMap<>();
      rows.forEach(row -> outcomes.computeIfAbsent(row.getString(0), destination -> new TreeMap<>())
          .put(row.getString(1), new RecentWindows.Counts(row.getLong(2), row.getLong(3))));
      return outcomes;
    });
  }

  /** The statuses a delivery can be replayed from: every one but delivered. */
  public static List<String> replayable() {
    return REPLAYABLE.stream().map(DeliveryStatus::wireName).toList();
  }

  /** Sends the delivery again at once; a delivered one is left as it is. */
  public Future<Replay> replay(UUID id) {
    return pool.preparedQuery(REPLAY).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() > 0) {
        sendNow(id);
        return Future.succeededFuture(Replay.REPLAYED);
      }
      return pool.preparedQuery(EXISTS).execute(Tuple.of(id))
          .map(found -> found.size() == 0 ? Replay.NOT_FOUND : Replay.ALREADY_DELIVERED);
    });
  }

  /**
   * Sends the matching deliveries again at once, as {@link #replay(UUID)} does each, in one statement. One already
   * delivered never matches, so replaying the same filter twice sends nothing the second time.
   */
  public Future<BulkReplay> replay(Matching matching) {
    Tuple params = Tuple.of(matching.limit() + 1, matching.limit());
    StringBuilder conditions = new StringBuilder();
    if (matching.destination() != null) {
      conditions.append(" AND destination = $").append(params.addString(matching.destination()).size());
    }
    // A delivery's id is the time it was routed: a range of the key, or of the dead letters' index.
    if (matching.since() != null) {
      conditions.append(" AND id >= $").append(params.addUUID(TimeOrderedIds.firstAt(matching.since())).size());
    }
    if (matching.until() != null) {
      conditions.append(" AND id < $").append(params.addUUID(TimeOrderedIds.firstAt(matching.until())).size());
    }
    String sql = REPLAY_MATCHING.formatted(matching.status().literal(), conditions, REPLAYED);
    return pool.preparedQuery(sql).execute(params).map(rows -> {
      boolean more = false;
      for (Row row : rows) {
        sendNow(row.getUUID(0));
        more = row.getLong(1) > matching.limit();
      }
      return new BulkReplay(rows.size(), more);
    });
  }

  /** After the commit; if this message is lost, the sweeper takes the delivery. */
  private void sendNow(UUID id) {
    vertx.eventBus().send(Addresses.DELIVERIES, id.toString());
  }

  private static Summary summary(Row row) {
    return new Summary(row.getUUID(0), row.getUUID(1), row.getString(2), row.getString(3),
        WireName.parse(DeliveryStatus.class, row.getString(4)), row.getInteger(5), instant(row.getOffsetDateTime(6)),
        row.getInteger(7), row.getString(8), row.getString(9), instant(row.getOffsetDateTime(10)),
        instant(row.getOffsetDateTime(11)), Boolean.TRUE.equals(row.getBoolean(12)), row.getString(13));
  }

  private static Instant instant(OffsetDateTime time) {
    return Optional.ofNullable(time).map(OffsetDateTime::toInstant).orElse(null);
  }
}
