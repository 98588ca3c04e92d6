package io.alertgate.pipeline;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stage of the smallest kind, on a work table of its own ({@code <name>_work}): an item is due until processed,
 * and processing it produces one id for the next stage. Its intake makes due items of the ids it is given, so two
 * toy stages make a pipeline. Items in {@code poison} fail any batch that holds them, and the threads it ran on
 * are recorded, so that the kit's promises can be checked without normalization.
 */
final class ToyStage implements TransactionalStage {

  final Set<UUID> poison = ConcurrentHashMap.newKeySet();
  /** Items whose batches fail as a lost connection would: not their fault. */
  final Set<UUID> flaky = ConcurrentHashMap.newKeySet();
  final Set<String> threads = ConcurrentHashMap.newKeySet();
  private final String table;
  private final StagePlan plan;

  final AtomicInteger giveUpFailures = new AtomicInteger();
  volatile boolean committedThrows;

  /** A stage named name, taking ids from the input address and announcing what it produced on name + ".out". */
  ToyStage(String name, ThreadingModel threading, String input, long maxWeight) {
    this.table = name + "_work";
    this.plan = StagePlan.named(name, threading).lane("all", List.of(input)).batches(100, maxWeight)
        .sweeping(100, 0.2).output(name + ".out").build();
  }

  /** Creates the stage's table anew, empty. */
  String schema() {
    return "DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table + " (id uuid PRIMARY KEY,"
        + " weight int NOT NULL DEFAULT 1, status text NOT NULL DEFAULT 'due',"
        + " due_at timestamptz NOT NULL DEFAULT now(), produced uuid)";
  }

  String table() {
    return table;
  }

  @Override
  public Intake intake() {
    return (sql, ids) -> sql.preparedQuery("INSERT INTO " + table + " (id) SELECT unnest($1::uuid[])")
        .execute(Tuple.of(ids.toArray(UUID[]::new))).mapEmpty();
  }

  @Override
  public StagePlan plan() {
    return plan;
  }

  @Override
  public Future<RowSet<Row>> claim(SqlConnection sql, List<UUID> ids) {
    return sql.preparedQuery("SELECT id, weight FROM " + table + " WHERE id = ANY($1) AND status = 'due' ORDER BY id"
        + " FOR UPDATE SKIP LOCKED").execute(Tuple.of(ids.toArray(UUID[]::new)));
  }

  @Override
  public Future<RowSet<Row>> claimDue(SqlConnection sql, int limit, double graceSeconds) {
    return sql.preparedQuery("SELECT id, weight FROM " + table + " WHERE status = 'due'"
        + " AND due_at < now() - make_interval(secs => $1) ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED")
        .execute(Tuple.of(graceSeconds, limit));
  }

  @Override
  public Future<StageOutcome> process(SqlConnection sql, List<UUID> claimed) {
    threads.add(Context.isOnEventLoopThread() ? "event-loop" : Context.isOnWorkerThread() ? "worker" : "other");
    if (claimed.stream().anyMatch(poison::contains)) {
      return Future.failedFuture(new IllegalStateException("poison in the batch"));
    }
    if (claimed.stream().anyMatch(flaky::contains)) {
      return Future.failedFuture(new IOException("connection reset"));
    }
    List<UUID> produced = claimed.stream().map(id -> UUID.randomUUID()).toList();
    Tally.Builder tally = new Tally.Builder();
    claimed.forEach(id -> tally.add(plan.name(), Tally.Counts.oneProcessed(1)));
    return sql.preparedQuery("UPDATE " + table + " w SET status = 'done', produced = p.produced"
            + " FROM unnest($1::uuid[], $2::uuid[]) AS p(id, produced) WHERE w.id = p.id")
        .execute(Tuple.tuple().addArrayOfUUID(claimed.toArray(UUID[]::new))
            .addArrayOfUUID(produced.toArray(UUID[]::new)))
        .map(done -> StageOutcome.of(produced, tally.build()));
  }

  @Override
  public Future<Tally> giveUp(SqlClient client, UUID id, Throwable failure) {
    if (giveUpFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Future.failedFuture(new IllegalStateException("the database went away"));
    }
    return client.preparedQuery("UPDATE " + table + " SET status = 'failed' WHERE id = $1 AND status = 'due'")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() == 0 ? Tally.NONE : Tally.of(plan.name(), Tally.Counts.ONE_FAILED));
  }

  @Override
  public void committed(Tally tally) {
    if (committedThrows) {
      throw new IllegalStateException("a counter that throws");
    }
  }

  @Override
  public String backlogQuery() {
    return "SELECT count(*) FROM " + table + " WHERE status = 'due'";
  }

  /** Due as the sweepers see it: an item due only later is not counted. */
  @Override
  public Future<Long> countDue(SqlClient client, int upTo) {
    return DueCount.read(client.preparedQuery(DueCount.upTo("SELECT 1 FROM " + table
        + " WHERE status = 'due' AND due_at <= now()")).execute(Tuple.of(upTo)));
  }

  @Override
  public String statusCountsQuery() {
    return StageFigures.countsByStatusColumn(table, "id", List.of("due", "done", "failed"));
  }
}
