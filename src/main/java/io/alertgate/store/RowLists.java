package io.alertgate.store;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A query's rows read into a list, one value a row, in the order they came. */
public final class RowLists {

  private RowLists() {
  }

  public static <T> List<T> of(RowSet<Row> rows, Function<Row, T> read) {
    List<T> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(read.apply(row)));
    return list;
  }
}
