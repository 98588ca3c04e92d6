package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

/**
 * How a stage answers {@link Stage#countDue}: the rows its claims would take now, counted no further than a limit,
 * so that the count reads at most that many entries of the claim's own partial index however large the backlog is.
 */
public final class DueCount {

  private DueCount() {
  }

  /**
   * The count of what rowsDue selects, stopping at $1: rowsDue is {@code SELECT 1 FROM <table> WHERE <due>} with the
   * claim's idea of due (not leased elsewhere, its time come), and any parameters of its own from $2 on.
   */
  public static String upTo(String rowsDue) {
    return "SELECT count(*) FROM (" + rowsDue + " LIMIT $1) due";
  }

  /** The one number such a query answers. */
  public static Future<Long> read(Future<RowSet<Row>> answer) {
    return answer.map(rows -> rows.iterator().next().getLong(0));
  }
}
