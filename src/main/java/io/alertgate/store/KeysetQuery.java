package io.alertgate.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A newest-first page query holding only the filters a request gave. Each combination is its own statement, so the
 * planner sees the real conditions and can use the index that serves them; the single statement it replaces
 * ({@code $1 IS NULL OR source = $1} for every filter) got one generic plan that could use no index at all.
 */
public final class KeysetQuery {

  private final String select;
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();

  /** select: the SELECT and FROM clauses of a table whose key is a time-ordered uuid {@code id}. */
  public KeysetQuery(String select) {
    this.select = select;
  }

  /** Adds "column operator $n" when the value is present. */
  public KeysetQuery where(String column, String operator, Object value) {
    if (value != null) {
      values.add(value);
      conditions.add(column + " " + operator + " $" + values.size());
    }
    return this;
  }

  /** Rows after the cursor (an id from an earlier page), newest first. */
  public KeysetQuery after(UUID cursor) {
    return where("id", "<", cursor);
  }

  public String sql() {
    return select + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
        + " ORDER BY id DESC LIMIT $" + (values.size() + 1);
  }

  /** Runs the page's query and reads each row. */
  public <T> Future<List<T>> fetch(SqlClient client, int limit, Function<Row, T> read) {
    return client.preparedQuery(sql()).execute(params(limit)).map(rows -> RowLists.of(rows, read));
  }

  public Tuple params(int limit) {
    List<Object> all = new ArrayList<>(values);
    all.add(limit);
    return Tuple.from(all);
  }
}
