package io.alertgate.route;

import io.alertgate.alert.AlertStatus;
import io.alertgate.alert.EventType;
import io.alertgate.alert.StoredAlert;
import io.alertgate.alert.StoredAlerts;
import io.alertgate.bus.Addresses;
import io.alertgate.logging.LogFields;
import io.alertgate.pipeline.DueCount;
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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Between normalization and delivery: each stored alert becomes one delivery row per destination the routing rules
 * send it to ({@link RoutingTree}; with no rules, every enabled destination), written in the transaction that marks
 * it routed with what was decided (the rules that matched, the reason it was suppressed). A destination that already
 * has the alert's incident (its correlation key) is told of an update, and an alert its source closed is a resolve.
 * The delivery's idempotency key is the correlation key, fixed here, and a destination gets an alert once however
 * often it is routed ({@code UNIQUE (alert_id, destination)}).
 */
public final class RouteStage implements TransactionalStage {

  private static final String NAME = "route";
  private static final int MAX_BATCH = 500;
  // When rules read documents, which carry the vendor's raw object, a batch holds this many of their bytes at most
  // (one document alone may exceed it), as normalization bounds the bodies it holds.
  private static final long MAX_BATCH_DOCUMENT_BYTES = 8L * 1024 * 1024;

  private static final String ENQUEUE =
      "INSERT INTO alert_route (alert_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING";
  // An alert weighs 1, or its document's size when the document is read.
  private static final String ONE = "1";
  private static final String DOCUMENT_BYTES = StoredAlerts.documentBytes("alert_route.alert_id");
  private static final String CLAIM_IDS = """
      SELECT alert_id, %s FROM alert_route WHERE alert_id = ANY($1) AND routed_at IS NULL
      ORDER BY alert_id FOR UPDATE SKIP LOCKED""";
  private static final String CLAIM_DUE = """
      SELECT alert_id, %s FROM alert_route
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
      SELECT id, alert_id, destination, key, event
      FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])
        WITH ORDINALITY AS r(id, alert_id, destination, key, event, place)
      ORDER BY place
      ON CONFLICT (alert_id, destination) DO NOTHING
      RETURNING id""";
  private static final String MARK = """
      UPDATE alert_route AS r SET routed_at = now(), suppressed = d.suppressed, matched = d.matched
      FROM unnest($1::uuid[], $2::text[], $3::text[]) AS d (alert_id, suppressed, matched)
      WHERE r.alert_id = d.alert_id""";
  private static final String MARK_FAILED = """
      UPDATE alert_route SET routed_at = now(), error = $2 WHERE alert_id = $1 AND routed_at IS NULL
      RETURNING alert_id""";
  private static final String BACKLOG = "SELECT count(*) FROM alert_route WHERE routed_at IS NULL";
  private static final String COUNT_DUE = DueCount.upTo("SELECT 1 FROM alert_route WHERE routed_at IS NULL");
  // Suppressed: routed to no destination, by a rule's decision. Failed: routing itself could not decide.
  private static final String STATUS_COUNTS = """
      SELECT count(*) FILTER (WHERE routed_at IS NULL) AS pending,
             count(*) FILTER (WHERE routed_at IS NOT NULL AND error IS NULL AND suppressed IS NULL) AS routed,
             count(*) FILTER (WHERE suppressed IS NOT NULL) AS suppressed,
             count(*) FILTER (WHERE error IS NOT NULL) AS failed
      FROM alert_route WHERE alert_id >= $1""";

  private final RoutingTree rules;
  private final Supplier<? extends Collection<String>> enabled;
  private final String claimIds;
  private final String claimDue;
  private final StagePlan plan;

  /**
   * @param enabled the enabled destinations' names, in the order they are configured, asked for each batch: they
   *                may change while the gateway runs
   */
  public RouteStage(RoutingTree rules, Supplier<? extends Collection<String>> enabled, long sweepIntervalMs,
                    double graceSeconds) {
    this(rules, enabled, Addresses.NORMALIZED, sweepIntervalMs, graceSeconds);
  }

  /** @param input where the stage before it announces alerts: normalization's, or enrichment's when it runs */
  public RouteStage(RoutingTree rules, Supplier<? extends Collection<String>> enabled, String input,
                    long sweepIntervalMs, double graceSeconds) {
    this.rules = rules;
    this.enabled = enabled;
    String weight = rules.readsDocuments() ? DOCUMENT_BYTES : ONE;
    this.claimIds = CLAIM_IDS.formatted(weight);
    this.claimDue = CLAIM_DUE.formatted(weight);
    this.plan = StagePlan.named(NAME, ThreadingModel.EVENT_LOOP)
        .lane("alerts", List.of(input))
        .batches(MAX_BATCH, rules.readsDocuments() ? MAX_BATCH_DOCUMENT_BYTES : Long.MAX_VALUE)
        .sweeping(sweepIntervalMs, graceSeconds)
        .output(Addresses.DELIVERIES)
        .itemsLoggedAs(LogFields.ALERT_ID)
        .build();
  }

  @Override
  public StagePlan plan() {
    return plan;
  }

  @Override
  public Intake intake() {
    return Intake.by(ENQUEUE);
  }

  @Override
  public Future<RowSet<Row>> claim(SqlConnection sql, List<UUID> ids) {
    return sql.preparedQuery(claimIds).execute(Tuple.of(ids.toArray(UUID[]::new)));
  }

  @Override
  public Future<RowSet<Row>> claimDue(SqlConnection sql, int limit, double graceSeconds) {
    return sql.preparedQuery(claimDue).execute(Tuple.of(graceSeconds, limit));
  }

  @Override
  public Future<StageOutcome> process(SqlConnection sql, List<UUID> claimed) {
    // Documents are read only when a rule looks into them.
    Future<List<StoredAlert>> loaded = rules.readsDocuments() ? StoredAlerts.load(sql, claimed)
        : StoredAlerts.loadHeads(sql, claimed);
    return loaded.compose(alerts -> {
      Collection<String> enabledNow = List.copyOf(enabled.get());
      Map<UUID, Decision> decisions = new LinkedHashMap<>();
      for (StoredAlert alert : alerts) {
        decisions.put(alert.id(), rules.route(RoutedAlert.of(alert), enabledNow));
      }
      // Only incidents that get a delivery need their lock and their history.
      String[] keys = alerts.stream().filter(alert -> !decisions.get(alert.id()).destinations().isEmpty())
          .map(StoredAlert::correlationKey).distinct().toArray(String[]::new);
      return sql.preparedQuery(LOCK_INCIDENTS).execute(Tuple.of(keys))
          .compose(locked -> sql.preparedQuery(KNOWN_INCIDENTS).execute(Tuple.of(keys))).compose(known -> {
        Set<String> incidents = new HashSet<>();
        known.forEach(row -> incidents.add(row.getString(0) + '\n' + row.getString(1)));
        return write(sql, alerts, decisions, incidents)
            .compose(produced -> mark(sql, claimed, decisions).map(marked -> produced));
      });
    });
  }

  private Future<StageOutcome> write(SqlConnection sql, List<StoredAlert> alerts, Map<UUID, Decision> decisions,
                                     Set<String> incidents) {
    List<UUID> ids = new ArrayList<>();
    List<UUID> alertIds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<String> events = new ArrayList<>();
    Tally.Builder tally = new Tally.Builder();
    // An incident's alerts in the order the gateway received them (the inbound ids are time-ordered and, within an
    // instance, strictly increasing), not by the vendor's time: a close may carry the time of what it closes, and
    // must still come after it. This is the order of their deliveries.
    List<StoredAlert> inOrder = new ArrayList<>(alerts);
    inOrder.sort(Comparator.comparing(StoredAlert::inboundId).thenComparing(StoredAlert::id));
    for (StoredAlert alert : inOrder) {
      for (String destination : decisions.get(alert.id()).destinations()) {
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
    return inserted.map(produced -> StageOutcome.of(produced, tally.build()));
  }

  /**
   * Marks every claimed alert routed, each with its decision. Alerts no longer there (their event was reprocessed)
   * are marked too, with none: their successors are routed themselves.
   */
  private static Future<RowSet<Row>> mark(SqlConnection sql, List<UUID> claimed, Map<UUID, Decision> decisions) {
    String[] suppressed = new String[claimed.size()];
    String[] matched = new String[claimed.size()];
    for (int i = 0; i < claimed.size(); i++) {
      Decision decision = decisions.get(claimed.get(i));
      if (decision != null) {
        suppressed[i] = decision.suppressed().orElse(null);
        matched[i] = decision.matchedText();
      }
    }
    return sql.preparedQuery(MARK).execute(Tuple.tuple().addArrayOfUUID(claimed.toArray(UUID[]::new))
        .addArrayOfString(suppressed).addArrayOfString(matched));
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

  @Override
  public Future<Long> countDue(SqlClient client, int upTo) {
    return DueCount.read(client.preparedQuery(COUNT_DUE).execute(Tuple.of(upTo)));
  }

  @Override
  public String statusCountsQuery() {
    return STATUS_COUNTS;
  }
}
