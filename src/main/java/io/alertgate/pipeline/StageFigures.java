package io.alertgate.pipeline;

import io.vertx.sqlclient.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a stage stands: how the items that came to it in the last hour stand now, by status, and its backlog.
 *
 * @param statuses each status's count, in the order the stage's query names them
 */
public record StageFigures(String stage, Map<String, Long> statuses, long backlog) {

  /**
   * A {@link Stage#statusCountsQuery()} for a table whose status column holds these names: a column for each.
   *
   * @param key the table's time-ordered id, which bounds the count to the window
   */
  public static String countsByStatusColumn(String table, String key, List<String> statuses) {
    return statuses.stream().map(status -> "count(*) FILTER (WHERE status = '" + status + "') AS " + status)
        .collect(Collectors.joining(", ", "SELECT ", " FROM " + table + " WHERE " + key + " >= $1"));
  }

  /** The one row of a status counts query, a count a column. */
  static Map<String, Long> statuses(Row row) {
    Map<String, Long> statuses = new LinkedHashMap<>();
    for (int i = 0; i < row.size(); i++) {
      statuses.put(row.getColumnName(i), row.getLong(i));
    }
    return statuses;
  }
}
