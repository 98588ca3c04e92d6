package io.alertgate.enrich.provider;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Strict reads of a provider's documented JSON: a field of the wrong type is no figure at all, and the whole answer
 * counts as malformed rather than as a zero that would read as "clean".
 */
final class BodyShape {

  /** The answer is not the documented shape; the message names the field, never a value. */
  static final class Unreadable extends RuntimeException {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  private BodyShape() {
  }

  static JsonObject object(JsonObject parent, String field) {
    Object value = parent.getValue(field);
    if (value instanceof JsonObject object) {
      return object;
    }
    throw new Unreadable("no object " + field);
  }

  /** A whole number the answer must carry. */
  static int count(JsonObject parent, String field) {
    Integer value = optionalCount(parent, field);
    if (value == null) {
      throw new Unreadable("no number " + field);
    }
    return value;
  }

  /** A whole number the answer may leave out or give as null. */
  static Integer optionalCount(JsonObject parent, String field) {
    Object value = parent.getValue(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && Math.abs(number.doubleValue()) <= Integer.MAX_VALUE) {
      return number.intValue();
    }
    throw new Unreadable("not a whole number: " + field);
  }

  static String optionalText(JsonObject parent, String field) {
    Object value = parent.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new Unreadable("not text: " + field);
  }

  static Boolean optionalFlag(JsonObject parent, String field) {
    Object value = parent.getValue(field);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw new Unreadable("not true or false: " + field);
  }

  /** An ISO 8601 time with an offset, as AbuseIPDB writes them ("2019-12-20T20:55:14+00:00"). */
  static Instant optionalTime(JsonObject parent, String field) {
    String text = optionalText(parent, field);
    try {
      return text == null ? null : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new Unreadable("not a time: " + field);
    }
  }
}
