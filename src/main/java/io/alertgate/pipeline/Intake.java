package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;

/**
 * How a stage's work rows are written by the stage before it: inside that stage's transaction, so an item is
 * either finished upstream and waiting here, or neither.
 */
@FunctionalInterface
public interface Intake {

  /** For a stage whose work needs no rows of its own (its input's rows are its work). */
  Intake NONE = (sql, ids) -> Future.succeededFuture();

  Future<Void> enqueue(SqlConnection sql, List<UUID> ids);

  /** A statement that writes the rows from the ids, given as its one parameter, a uuid array. */
  static Intake by(String statement) {
    return (sql, ids) -> sql.preparedQuery(statement).execute(Tuple.of(ids.toArray(UUID[]::new))).mapEmpty();
  }
}
