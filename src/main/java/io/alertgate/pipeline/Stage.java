package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;
import java.util.UUID;

/**
 * One durable stage of the pipeline: a table of work rows, each claimed by one instance at a time, processed in
 * batches, and finished in the transaction that claimed it. The kit ({@link StageRunner}, {@link FastPath},
 * {@link Sweeper}, {@link Handoff}, {@link BacklogGauge}, {@link StageMetrics}) does the rest: batching, the byte
 * budget, retrying a failed batch item by item, publishing after the commit, sweeping, the backlog and the
 * metrics.
 *
 * <p>A stage never names another: it returns the ids of what it produced, and the kit writes them into the next
 * stage's work (through that stage's {@link Intake}) in the same transaction, then announces them on the bus.
 */
public interface Stage {

  /** How this stage runs: its name, threading, inputs, batch sizes and sweeping. */
  StagePlan plan();

  /**
   * Claims those of these ids that are still due and not held elsewhere ({@code FOR UPDATE SKIP LOCKED}), in id
   * order. Each row is {@code (id uuid, weight int)}: the weight (for example a body's size) counts against the
   * batch's budget.
   */
  Future<RowSet<Row>> claim(SqlConnection sql, List<UUID> ids);

  /** Claims up to limit items due for longer than the grace period, oldest first; rows as for {@link #claim}. */
  Future<RowSet<Row>> claimDue(SqlConnection sql, int limit, double graceSeconds);

  /**
   * Processes the claimed items and writes their outcome in this transaction. Items it cannot process are
   * recorded as failed here, not thrown: a failure fails the whole batch, which is then retried item by item.
   */
  Future<StageOutcome> process(SqlConnection sql, List<UUID> claimed);

  /**
   * The item failed even alone: record why, in a transaction of its own, so that it is not tried for ever.
   * Completes with what was recorded ({@link Tally#NONE} when the item was meanwhile finished elsewhere).
   */
  Future<Tally> giveUp(SqlClient client, UUID id, Throwable failure);

  /** A query answering one number: the items due, for every instance sharing the database. */
  String backlogQuery();

  /** Called once per committed call with its counts, for the stage's own metrics. */
  default void committed(Tally tally) {
  }

  /** How the stage before this one writes this one's work, in its own transaction; none for the first stage. */
  default Intake intake() {
    return Intake.NONE;
  }
}
