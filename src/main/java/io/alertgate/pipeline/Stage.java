package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;
import java.util.UUID;

/**
 * One durable stage of the pipeline: a table of work rows, each claimed by one instance at a time and finished in a
 * transaction that also writes the next stage's work. It comes in two shapes: a {@link TransactionalStage} does its
 * work inside the claiming transaction (CPU work, like normalization); a {@link LeasedStage} leases its items and
 * does its I/O outside any transaction (calls to other systems, like enrichment and delivery).
 *
 * <p>The kit ({@link StageRunner}, {@link FastPath}, {@link Sweeper}, {@link Handoff}, {@link BacklogGauge},
 * {@link StageMetrics}, {@link Pipeline}) does the rest: batching, the weight budget, publishing after the commit,
 * sweeping, retry timers, the backlog and the metrics. A stage never names another: it returns the ids of what it
 * produced, and the kit writes them into the next stage's work (through that stage's {@link Intake}) in the same
 * transaction, then announces them on the bus.
 */
public sealed interface Stage permits TransactionalStage, LeasedStage {

  /** How this stage runs: its name, threading, inputs, batch sizes and sweeping. */
  StagePlan plan();

  /**
   * Claims those of these ids that are due and not held elsewhere ({@code FOR UPDATE SKIP LOCKED}), in id order.
   * Each row starts {@code (id uuid, weight int)}: the weight (for example a body's size) counts against the batch's
   * budget. A leased stage's claim also sets the lease and returns its token third.
   */
  Future<RowSet<Row>> claim(SqlConnection sql, List<UUID> ids);

  /** Claims up to limit items due for longer than the grace period, oldest first; rows as for {@link #claim}. */
  Future<RowSet<Row>> claimDue(SqlConnection sql, int limit, double graceSeconds);

  /** A query answering one number: the items due, for every instance sharing the database. */
  String backlogQuery();

  /**
   * The items this stage's claims would take now, for every instance sharing the database, counted no further than
   * upTo ({@link DueCount}): an item leased elsewhere or waiting for a later time (a retry, a destination's breaker)
   * is not due. The sweepers of the stages before this one hold back while it is over their bound
   * ({@link Backpressure}), so it is asked often and must read no more than upTo rows of an index.
   */
  Future<Long> countDue(SqlClient client, int upTo);

  /**
   * A query answering one row: for the items that came to this stage since $1, a column a status, named by it,
   * counting those that stand there now. $1 is the lowest time-ordered id of the window, so that the table's key
   * bounds what is read ({@link StageFigures#countsByStatusColumn} writes one for a status column).
   */
  String statusCountsQuery();

  /** Called once per commit with its counts, for the stage's own metrics. It must not throw. */
  default void committed(Tally tally) {
  }

  /** How the stage before this one writes this one's work, in its own transaction; none for the first stage. */
  default Intake intake() {
    return Intake.NONE;
  }
}
