package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;
import java.util.UUID;

/**
 * A stage whose work fits inside the claiming transaction: the row lock is the lease, held while the batch is
 * processed and gone with the transaction, also when the process dies.
 */
public non-sealed interface TransactionalStage extends Stage {

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
}
