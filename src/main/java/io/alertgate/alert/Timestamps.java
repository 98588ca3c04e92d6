package io.alertgate.alert;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the time formats SIEMs send: ISO 8601 with or without offset, epoch seconds or milliseconds. */
public final class Timestamps {

  private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();
  private static final Pattern EPOCH = Pattern.compile("\\d{9,13}(\\.\\d+)?");
  // What RFC 3339, and so the alert schema's date-time, can write at the document's millisecond precision.
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
  // Epoch values above this are milliseconds (this is year 5138 in seconds).
  private static final double MILLIS_THRESHOLD = 1e11;

  private Timestamps() {
  }

  public static Optional<Instant> parse(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isNumber()) {
      return epoch(node.asDouble());
    }
    return node.isTextual() ? parse(node.asText()) : Optional.empty();
  }

  public static Optional<Instant> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String value = text.trim();
    if (EPOCH.matcher(value).matches()) {
      return epoch(Double.parseDouble(value));
    }
    Instant utc = Rfc3339Utc.parse(value);
    return utc != null ? inRange(utc) : general(value);
  }

  /** Every ISO shape the gateway reads, through java.time: the slow path, for what the fast one does not take. */
  static Optional<Instant> general(String value) {
    try {
      var parsed = OFFSET.parseBest(value.replace(' ', 'T'), OffsetDateTime::from, LocalDateTime::from);
      Instant instant = parsed instanceof OffsetDateTime offset ? offset.toInstant()
          : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
      return inRange(instant);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** UTC, millisecond precision, always with the fraction: {@code 2024-01-01T10:00:00.000Z}. */
  public static String format(Instant instant) {
    return Rfc3339Utc.format(instant);
  }

  private static Optional<Instant> epoch(double value) {
    if (value <= 0 || Double.isNaN(value) || Double.isInfinite(value)) {
      return Optional.empty();
    }
    long millis = value >= MILLIS_THRESHOLD ? (long) value : (long) (value * 1000);
    return inRange(Instant.ofEpochMilli(millis));
  }

  /** Years 0001 to 9999: what RFC 3339, and so the alert schema's date-time, can write. */
  private static Optional<Instant> inRange(Instant instant) {
    return instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? Optional.empty() : Optional.of(instant);
  }
}
