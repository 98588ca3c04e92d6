package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A leased stage of the smallest kind, as a delivery stage would be: its claim leases items with a token, its work
 * is a timer standing in for a call to another system, and its outcome is written only where the token still
 * matches. Items in {@code retryOnce} ask to be tried again 300 ms later on their first attempt; items in
 * {@code hang} never finish their first attempt.
 */
final class ToyLeasedStage implements LeasedStage {

  private static final String DUE = "status = 'due' AND due_at <= now() AND (lease_until IS NULL OR lease_until < now())";
  private static final String LEASE = "UPDATE %s SET lease_until = now() + make_interval(secs => %d),"
      + " lease_token = gen_random_uuid(), attempts = attempts + 1 WHERE id IN (%s) RETURNING id, 1, lease_token";

  final Set<UUID> retryOnce = ConcurrentHashMap.newKeySet();
  final Set<UUID> hang = ConcurrentHashMap.newKeySet();
  private final Vertx vertx;
  private final String table;
  private final StagePlan plan;
  private final long leaseSeconds;
  private volatile Consumer<List<Lease>> duringWork = leases -> { };

  ToyLeasedStage(Vertx vertx, String name, Duration lease, double graceSeconds) {
    this.vertx = vertx;
    this.table = name + "_work";
    this.leaseSeconds = lease.toSeconds();
    this.plan = StagePlan.named(name, ThreadingModel.EVENT_LOOP).lane("all", List.of(name + ".in"))
        .sweeping(100, graceSeconds).leased(lease).output(name + ".out").build();
  }

  String schema() {
    return "DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table + " (id uuid PRIMARY KEY,"
        + " status text NOT NULL DEFAULT 'due', due_at timestamptz NOT NULL DEFAULT now(), lease_until timestamptz,"
        + " lease_token uuid, attempts int NOT NULL DEFAULT 0, produced uuid)";
  }

  String table() {
    return table;
  }

  /** Runs while the items are leased and their work is under way (on the event loop: keep it short). */
  void duringWork(Consumer<List<Lease>> check) {
    this.duringWork = check;
  }

  @Override
  public StagePlan plan() {
    return plan;
  }

  @Override
  public Future<RowSet<Row>> claim(SqlConnection sql, List<UUID> ids) {
    String due = "SELECT id FROM " + table + " WHERE id = ANY($1) AND " + DUE + " ORDER BY id FOR UPDATE SKIP LOCKED";
    return sql.preparedQuery(LEASE.formatted(table, leaseSeconds, due)).execute(Tuple.of(ids.toArray(UUID[]::new)));
  }

  @Override
  public Future<RowSet<Row>> claimDue(SqlConnection sql, int limit, double graceSeconds) {
    String due = "SELECT id FROM " + table + " WHERE " + DUE + " AND due_at < now() - make_interval(secs => $1)"
        + " ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED";
    return sql.preparedQuery(LEASE.formatted(table, leaseSeconds, due)).execute(Tuple.of(graceSeconds, limit));
  }

  @Override
  public Future<Completion> perform(List<Lease> leases) {
    duringWork.accept(leases);
    Promise<Completion> done = Promise.promise();
    List<Lease> finished = new ArrayList<>();
    Map<Lease, Instant> later = new HashMap<>();
    boolean hung = false;
    for (Lease lease : leases) {
      if (hang.remove(lease.id())) {
        hung = true;
      } else if (retryOnce.remove(lease.id())) {
        later.put(lease, Instant.now().plusMillis(300));
      } else {
        finished.add(lease);
      }
    }
    if (!hung) {
      // The call to the other system.
      vertx.setTimer(20, t -> done.complete(sql -> write(sql, finished, later)));
    }
    return done.future();
  }

  /** Done items and items for later, each only while its lease is still this batch's. */
  private Future<StageOutcome> write(SqlConnection sql, List<Lease> finished, Map<Lease, Instant> later) {
    List<UUID> produced = finished.stream().map(lease -> UUID.randomUUID()).toList();
    Tuple done = Tuple.tuple()
        .addArrayOfUUID(finished.stream().map(Lease::id).toArray(UUID[]::new))
        .addArrayOfUUID(finished.stream().map(Lease::token).toArray(UUID[]::new))
        .addArrayOfUUID(produced.toArray(UUID[]::new));
    Tuple retry = Tuple.tuple()
        .addArrayOfUUID(later.keySet().stream().map(Lease::id).toArray(UUID[]::new))
        .addArrayOfUUID(later.keySet().stream().map(Lease::token).toArray(UUID[]::new))
        .addArrayOfOffsetDateTime(later.values().stream()
            .map(at -> at.atOffset(java.time.ZoneOffset.UTC)).toArray(java.time.OffsetDateTime[]::new));
    return sql.preparedQuery("UPDATE " + table + " w SET status = 'done', produced = d.produced, lease_until = NULL"
            + " FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS d(id, token, produced)"
            + " WHERE w.id = d.id AND w.lease_token = d.token RETURNING w.produced").execute(done)
        .compose(written -> sql.preparedQuery("UPDATE " + table + " w SET due_at = r.at, lease_until = NULL"
                + " FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS r(id, token, at)"
                + " WHERE w.id = r.id AND w.lease_token = r.token").execute(retry)
            .map(retried -> {
              List<UUID> ids = new ArrayList<>();
              written.forEach(row -> ids.add(row.getUUID(0)));
              Tally.Builder tally = new Tally.Builder();
              ids.forEach(id -> tally.add(plan.name(), Tally.Counts.oneProcessed(1)));
              Map<UUID, Instant> retries = new HashMap<>();
              later.forEach((lease, at) -> retries.put(lease.id(), at));
              return StageOutcome.of(ids, tally.build()).retrying(retries);
            }));
  }

  @Override
  public String backlogQuery() {
    return "SELECT count(*) FROM " + table + " WHERE " + DUE;
  }
}
