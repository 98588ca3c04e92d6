package io.alertgate.route;

import io.alertgate.alert.AlertStatus;
import io.alertgate.alert.EventType;
import io.alertgate.alert.StoredAlert;
import io.alertgate.alert.StoredAlerts;
import io.alertgate.bus.Addresses;
import io.alertgate.pipeline.Intake;
import io.alertgate.pipeline.Reasons;
import io.alertgate.pipeline.StageOutcome;
import io.alertgate.pipeline.StagePlan;
import io.alertgate.pipeline.Tally;
import io.alertgate.pipeline.TransactionalStage;
import io.alertgate.store.TimeOrderedIds;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Between normalization and delivery: each stored alert becomes one delivery row per destination it goes to, written
 * in the transaction that marks it routed. With no rules configured (the only way today), every alert goes to every
 * enabled destination. A destination that already has the alert's incident (its correlation key) is told of an
 * update, and an alert its source closed is a resolve. The delivery's idempotency key is the correlation key, fixed
 * here, and a destination gets an alert once however often it is routed ({@code UNIQUE (alert_id, destination)}).
 */
public final class RouteStage implements TransactionalStage {

  private static final String NAME = "route";
  private static final int MAX_BATCH = 500;

  private static final String ENQUEUE =
      "INSERT INTO alert_route (alert_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING";
  private static final String CLAIM_IDS = """
      SELECT alert_id, 1 FROM alert_route WHERE alert_id = ANY($1) AND routed_at IS NULL
      ORDER BY alert_id FOR UPDATE SKIP LOCKED""";
  private static final String CLAIM_DUE = """
      SELECT alert_id, 1 FROM alert_route
      WHERE routed_at IS NULL AND queued_at < now() - make_interval(secs => $1)
      ORDER BY queued_at LIMIT $2 FOR UPDATE SKIP LOCKED""";
  // Incidents a destination has or is about to have: a delivery that went dead opened nothing.
  private static final String KNOWN_INCIDENTS = """
      SELECT DISTINCT destination, idempotency_key FROM delivery
      WHERE idempotency_key = ANY($1) AND status <> 'dead'""";
  // Two batches routing alerts of one incident at once (two instances, a fast path and a sweeper) would both find it
  // new: each takes the incident's lock for its transaction first, in one order, so the second sees the first's rows.
  private static final String LOCK_INCIDENTS = """
      SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) AS k ORDER BY k""";
  private static final String INSERT_DELIVERIES = """
      INSERT INTO delivery (id, alert_id, destination, idempotency_key, event_type)
      SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])
      ON CONFLICT (alert_id, destination) DO NOTHING
      RETURNING id""";
  private static final String MARK = "UPDATE alert_route SET routed_at = now() WHERE alert_id = ANY($1)";
  private static final String MARK_FAILED = """
      UPDATE alert_route SET routed_at = now(), error = $2 WHERE alert_id = $1 AND routed_at IS NULL
      RETURNING alert_id""";
  private static final String BACKLOG = "SELECT count(*) FROM alert_route WHERE routed_at IS NULL";

  private final List<String> destinations;
  private final StagePlan plan;

  /** @param destinations the enabled destinations' names, in the order they are configured */
  public RouteStage(List<String> destinations, long sweepIntervalMs, double graceSeconds) {
    this.destinations = List.copyOf(destinations);
    this.plan = StagePlan.named(NAME, ThreadingModel.EVENT_LOOP)
        .lane("normalized", List.of(Addresses.NORMALIZED))
        .batches(MAX_BATCH, Long.MAX_VALUE)
        .sweeping(sweepIntervalMs, graceSeconds)
        .output(Addresses.DELIVERIES)
        .build();
  }

  @Override
  public StagePlan plan() {
    return plan;
  }

  @Override
  public Intake intake() {
    return (sql, alertIds) -> sql.preparedQuery(ENQUEUE).execute(Tuple.of(alertIds.toArray(UUID[]::new)))
        .mapEmpty();
  }

  @Override
  public Future<RowSet<Row>> claim(SqlConnection sql, List<UUID> ids) {
    return sql.preparedQuery(CLAIM_IDS).execute(Tuple.of(ids.toArray(UUID[]::new)));
  }

  @Override
  public Future<RowSet<Row>> claimDue(SqlConnection sql, int limit, double graceSeconds) {
    return sql.preparedQuery(CLAIM_DUE).execute(Tuple.of(graceSeconds, limit));
  }

  @Override
  public Future<StageOutcome> process(SqlConnection sql, List<UUID> claimed) {
    return StoredAlerts.loadHeads(sql, claimed).compose(alerts -> {
      String[] keys = alerts.stream().map(StoredAlert::correlationKey).distinct().toArray(String[]::new);
      return sql.preparedQuery(LOCK_INCIDENTS).execute(Tuple.of(keys))
          .compose(locked -> sql.preparedQuery(KNOWN_INCIDENTS).execute(Tuple.of(keys))).compose(known -> {
        Set<String> incidents = new HashSet<>();
        known.forEach(row -> incidents.add(row.getString(0) + '\n' + row.getString(1)));
        return write(sql, claimed, alerts, incidents);
      });
    });
  }

  private Future<StageOutcome> write(SqlConnection sql, List<UUID> claimed, List<StoredAlert> alerts,
                                     Set<String> incidents) {
    List<UUID> ids = new ArrayList<>();
    List<UUID> alertIds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<String> events = new ArrayList<>();
    Tally.Builder tally = new Tally.Builder();
    for (StoredAlert alert : alerts) {
      for (String destination : destinations) {
        ids.add(TimeOrderedIds.next());
        alertIds.add(alert.id());
        names.add(destination);
        keys.add(alert.correlationKey());
        // The incident is known once its first delivery is written, also to later alerts of this same batch.
        boolean known = !incidents.add(destination + '\n' + alert.correlationKey());
        EventType event = alert.status() == AlertStatus.CLOSED ? EventType.RESOLVED
            : known ? EventType.UPDATED : EventType.CREATED;
        events.add(event.wireName());
      }
      tally.add(alert.source(), Tally.Counts.oneProcessed(0));
    }
    Tuple rows = Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new)).addArrayOfUUID(alertIds.toArray(UUID[]::new))
        .addArrayOfString(names.toArray(String[]::new)).addArrayOfString(keys.toArray(String[]::new))
        .addArrayOfString(events.toArray(String[]::new));
    Future<List<UUID>> inserted = ids.isEmpty() ? Future.succeededFuture(List.of())
        : sql.preparedQuery(INSERT_DELIVERIES).execute(rows).map(written -> {
          List<UUID> produced = new ArrayList<>();
          written.forEach(row -> produced.add(row.getUUID(0)));
          return produced;
        });
    // Alerts no longer there (their event was reprocessed) are marked too: their successors are routed themselves.
    return inserted.compose(produced -> sql.preparedQuery(MARK).execute(Tuple.of(claimed.toArray(UUID[]::new)))
        .map(marked -> StageOutcome.of(produced, tally.build())));
  }

  @Override
  public Future<Tally> giveUp(SqlClient client, UUID id, Throwable failure) {
    String reason = "could not be routed (" + failure.getMessage() + ")";
    return client.preparedQuery(MARK_FAILED).execute(Tuple.of(id, Reasons.clip(reason)))
        .map(rows -> rows.size() == 0 ? Tally.NONE : Tally.of("_route", Tally.Counts.ONE_FAILED));
  }

  @Override
  public String backlogQuery() {
    return BACKLOG;
  }
}
