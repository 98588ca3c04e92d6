package io.alertgate.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;

/**
 * The one time shape almost every alert carries, {@code 2024-05-01T10:00:00.123Z}, read and written by hand:
 * java.time's formatters take several microseconds per call, and a normalizer handles a few per alert. Anything
 * else is left to {@link Timestamps}' general parser.
 */
final class Rfc3339Utc {

  private static final DateTimeFormatter WIRE = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();
  private static final int SHORTEST = "2024-05-01T10:00:00Z".length();
  // yyyy-MM-ddTHH:mm:ss.SSSZ: each field's digits and the character after it.
  private static final int[] WIDTHS = {4, 2, 2, 2, 2, 2, 3};
  private static final char[] AFTER = {'-', '-', 'T', ':', ':', '.', 'Z'};

  private Rfc3339Utc() {
  }

  /** The instant, or null when the text is not exactly this shape with valid fields. */
  static Instant parse(String text) {
    int length = text.length();
    if (length < SHORTEST || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
        || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int nanos = fraction(text, 19, length - 1);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59 || nanos < 0 || day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** UTC, millisecond precision, always with the fraction. */
  static String format(Instant instant) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    if (time.getYear() < 1 || time.getYear() > 9999) {
      return WIRE.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
    int[] fields = {time.getYear(), time.getMonthValue(), time.getDayOfMonth(), time.getHour(), time.getMinute(),
        time.getSecond(), time.getNano() / 1_000_000};
    char[] out = new char[24];
    int at = 0;
    for (int i = 0; i < fields.length; i++) {
      at = put(out, at, fields[i], WIDTHS[i]);
      out[at++] = AFTER[i];
    }
    return new String(out);
  }

  /** The decimal number in text[at, at + count), or -1 if any character is not an ASCII digit. */
  private static int digits(String text, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Nanoseconds of an optional ".f" to ".fffffffff" in text[at, end); -1 when malformed. */
  private static int fraction(String text, int at, int end) {
    if (at == end) {
      return 0;
    }
    int count = end - at - 1;
    if (text.charAt(at) != '.' || count < 1 || count > 9) {
      return -1;
    }
    int value = digits(text, at + 1, count);
    if (value < 0) {
      return -1;
    }
    for (int i = count; i < 9; i++) {
      value *= 10;
    }
    return value;
  }

  /** Writes value as width digits at out[at]; returns the index after them. */
  private static int put(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }
}
