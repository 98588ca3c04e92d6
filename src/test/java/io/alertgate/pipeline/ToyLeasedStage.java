package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A leased stage of the smallest kind, as a delivery stage would be: its claim leases items with a token, its work
 * is a timer standing in for a call to another system, and each item's outcome is written only where its token
 * still matches. Items in {@code retryOnce} ask to be tried again 300 ms later on their first attempt; items in
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
  public List<Future<Settlement>> perform(List<Lease> leases, Instant deadline) {
    duringWork.accept(leases);
    List<Future<Settlement>> work = new ArrayList<>();
    for (Lease lease : leases) {
      Promise<Settlement> settled = Promise.promise();
      if (!hang.remove(lease.id())) {
        Instant later = retryOnce.remove(lease.id()) ? Instant.now().plusMillis(300) : null;
        // The call to the other system.
        vertx.setTimer(20, t -> settled.complete(sql -> later == null ? done(sql, lease) : retry(sql, lease, later)));
      }
      work.add(settled.future());
    }
    return work;
  }

  /** Done, only while the lease is still this batch's: nothing is written, or produced, for a lease lost. */
  private Future<StageOutcome> done(SqlConnection sql, Lease lease) {
    return sql.preparedQuery("UPDATE " + table + " SET status = 'done', produced = $3, lease_until = NULL"
            + " WHERE id = $1 AND lease_token = $2 RETURNING produced")
        .execute(Tuple.of(lease.id(), lease.token(), UUID.randomUUID()))
        .map(rows -> rows.size() == 0 ? StageOutcome.NONE : StageOutcome.of(List.of(rows.iterator().next().getUUID(0)),
            Tally.of(plan.name(), Tally.Counts.oneProcessed(1))));
  }

  private Future<StageOutcome> retry(SqlConnection sql, Lease lease, Instant at) {
    return sql.preparedQuery("UPDATE " + table + " SET due_at = $3, lease_until = NULL"
            + " WHERE id = $1 AND lease_token = $2")
        .execute(Tuple.of(lease.id(), lease.token(), at.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.rowCount() == 0 ? StageOutcome.NONE : StageOutcome.NONE.retrying(Map.of(lease.id(), at)));
  }

  @Override
  public String backlogQuery() {
    return "SELECT count(*) FROM " + table + " WHERE " + DUE;
  }

  @Override
  public Future<Long> countDue(SqlClient client, int upTo) {
    return DueCount.read(client.preparedQuery(DueCount.upTo("SELECT 1 FROM " + table + " WHERE " + DUE))
        .execute(Tuple.of(upTo)));
  }

  @Override
  public String statusCountsQuery() {
    return StageFigures.countsByStatusColumn(table, "id", List.of("due", "done"));
  }
}
