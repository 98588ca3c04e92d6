package io.alertgate.http;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * A server's {@code Retry-After} (RFC 9110 section 10.2.3): whole seconds, or an HTTP date. A date in the past
 * means now; anything else that is not one of the two is no answer at all, never a reason to wait.
 */
public final class RetryAfter {

  // IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the form senders must use; java.time reads it as RFC 1123.
  private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.RFC_1123_DATE_TIME;
  // The two obsolete forms recipients must still read: RFC 850 (its two-digit year is read by rfc850, since it
  // depends on today) and C's asctime.
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);
  // More digits than this is no sensible wait, and would not fit a long once made milliseconds.
  private static final int MAX_DIGITS = 9;

  private RetryAfter() {
  }

  /** How long the server asked to be left alone, measured from now; empty when the header says nothing usable. */
  public static Optional<Duration> parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    // ASCII digits only: Character.isDigit (and Long.parseLong) would take other scripts' digits too.
    if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return value.length() > MAX_DIGITS ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    for (DateTimeFormatter format : new DateTimeFormatter[] {IMF_FIXDATE, rfc850(now), ASCTIME}) {
      try {
        Instant at = ZonedDateTime.parse(value, format).toInstant();
        return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
      } catch (DateTimeParseException notThisForm) {
        // Try the next form.
      }
    }
    return Optional.empty();
  }

  /** RFC 850's two-digit year is the most recent year in the past with those digits (RFC 9110 section 5.6.7). */
  private static DateTimeFormatter rfc850(Instant now) {
    int year = now.atZone(ZoneOffset.UTC).getYear();
    return new DateTimeFormatterBuilder()
        .appendPattern("EEEE, dd-MMM-")
        .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.of(year - 99, 1, 1))
        .appendPattern(" HH:mm:ss zzz")
        .toFormatter(Locale.US);
  }
}
