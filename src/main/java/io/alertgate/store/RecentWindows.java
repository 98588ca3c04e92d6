package io.alertgate.store;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last hour and the last minute before a moment: what operators' figures are counted over. Every count is
 * bounded by one of them, so a question about now never reads the whole history of a table.
 */
public record RecentWindows(Instant end) {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** How many in each window. */
  public record Counts(long lastMinute, long lastHour) {

    public static final Counts NONE = new Counts(0, 0);
  }

  public static RecentWindows endingNow() {
    return new RecentWindows(Instant.now());
  }

  public Instant hourStart() {
    return end.minus(HOUR);
  }

  public Instant minuteStart() {
    return end.minus(MINUTE);
  }

  /** The windows' first ids, for tables keyed by time-ordered ids: $1 the hour's, $2 the minute's. */
  public Tuple firstIds() {
    return Tuple.of(TimeOrderedIds.firstAt(hourStart()), TimeOrderedIds.firstAt(minuteStart()));
  }

  /** The windows' starts, for tables whose time column is indexed: $1 the hour's, $2 the minute's. */
  public Tuple starts() {
    return Tuple.of(OffsetDateTime.ofInstant(hourStart(), ZoneOffset.UTC),
        OffsetDateTime.ofInstant(minuteStart(), ZoneOffset.UTC));
  }

  /** Rows of (key, last minute, last hour), by key in the order they came. */
  public static Map<String, Counts> byKey(RowSet<Row> rows) {
    Map<String, Counts> counts = new LinkedHashMap<>();
    rows.forEach(row -> counts.put(row.getString(0), new Counts(row.getLong(1), row.getLong(2))));
    return counts;
  }
}
