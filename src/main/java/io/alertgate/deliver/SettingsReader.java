package io.alertgate.deliver;

import io.alertgate.deliver.http.Endpoint;
import io.alertgate.deliver.http.Tls;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one destination's settings the same way for every type: each field checked as it is read, a wrong one an
 * IllegalArgumentException that names the field and never echoes a value (it may be a credential).
 */
public final class SettingsReader {

  /** An attempt's timeout when the settings give none. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 30;
  private static final int MAX_TIMEOUT_SECONDS = 300;
  private static final int MAX_RETRY_COUNT = 1_000;
  private static final int MAX_TEXT = 4_096;

  private final JsonObject json;

  private SettingsReader(JsonObject json) {
    this.json = json;
  }

  /** Refuses a field the type does not have: a misspelt "secert" must not send every webhook unsigned. */
  public static SettingsReader of(JsonObject settings, String type, List<String> fields) {
    for (String field : settings.fieldNames()) {
      if (!fields.contains(field)) {
        throw new IllegalArgumentException("'" + printable(field) + "' is not a " + type + " field ("
            + String.join(", ", new TreeSet<>(fields)) + ")");
      }
    }
    return new SettingsReader(settings);
  }

  public Object raw(String field) {
    return json.getValue(field);
  }

  public String text(String field) {
    return optionalText(field).orElseThrow(() -> new IllegalArgumentException(field + " is required"));
  }

  public Optional<String> optionalText(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text) || text.isBlank() || text.length() > MAX_TEXT
        || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || halfSurrogate(text)) {
      throw new IllegalArgumentException(field + " must be non-empty text of at most " + MAX_TEXT
          + " characters without control characters");
    }
    return Optional.of(text.trim());
  }

  /** One of a few words, lower case; the first is the default. */
  public String choice(String field, List<String> words) {
    Object value = json.getValue(field, words.get(0));
    if (!(value instanceof String word) || !words.contains(word.trim().toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException(field + " must be one of " + String.join(", ", words));
    }
    return word.trim().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean bool(String field, boolean byDefault) {
    Object value = json.getValue(field, byDefault);
    if (!(value instanceof Boolean on)) {
      throw new IllegalArgumentException(field + " must be true or false");
    }
    return on;
  }

  public Endpoint endpoint(String field) {
    return Endpoint.parse(field, json.getValue(field));
  }

  public Endpoint endpoint(String field, String byDefault) {
    return Endpoint.parse(field, json.getValue(field), byDefault);
  }

  /** TLS from a field saying whether to verify (or, inverted, whether to ignore) and an optional {@code ca_pem}. */
  public Tls tls(String field, boolean inverted) {
    Object value = json.getValue(field, inverted ? Boolean.FALSE : Boolean.TRUE);
    Object verify = value instanceof Boolean on && inverted ? !on : value;
    return Tls.parse(verify, field, json.getValue("ca_pem"));
  }

  /** The {@code timeout} of one attempt, 30 seconds unless given. */
  public Duration timeout() {
    Object timeout = json.getValue("timeout", DEFAULT_TIMEOUT_SECONDS);
    if (!(timeout instanceof Integer seconds) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException("timeout must be a whole number of seconds from 1 to " + MAX_TIMEOUT_SECONDS);
    }
    return Duration.ofSeconds(seconds);
  }

  /** The {@code retry_count}: retries after the first attempt, when the destination bounds them itself. */
  public OptionalInt retryCount() {
    Object count = json.getValue("retry_count");
    if (count == null) {
      return OptionalInt.empty();
    }
    if (!(count instanceof Integer retries) || retries < 0 || retries > MAX_RETRY_COUNT) {
      throw new IllegalArgumentException("retry_count must be a whole number from 0 to " + MAX_RETRY_COUNT);
    }
    return OptionalInt.of(retries);
  }

  /** An object of names and text values (headers, a mapping), each value checked, none echoed. */
  public Map<String, String> textMap(String field, Set<String> allowedKeys) {
    Object value = json.getValue(field, new JsonObject());
    if (!(value instanceof JsonObject object)) {
      throw new IllegalArgumentException(field + " must be an object of names and values");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (String key : object.fieldNames()) {
      if (allowedKeys != null && !allowedKeys.contains(key)) {
        throw new IllegalArgumentException(field + ": '" + printable(key) + "' is not one of "
            + String.join(", ", new TreeSet<>(allowedKeys)));
      }
      Object text = object.getValue(key);
      if (!(text instanceof String s) || s.length() > MAX_TEXT || s.chars().anyMatch(c -> c < 0x20 && c != '\t'
          || c == 0x7f) || halfSurrogate(s)) {
        throw new IllegalArgumentException(field + ": the value of " + printable(key)
            + " must be text without control characters");
      }
      map.put(key, s);
    }
    return map;
  }

  public JsonObject object(String field) {
    Object value = json.getValue(field, new JsonObject());
    if (!(value instanceof JsonObject object)) {
      throw new IllegalArgumentException(field + " must be an object");
    }
    return object;
  }

  /** Half of a UTF-16 pair alone: no character at all, and no UTF-8 to send or to seal. */
  private static boolean halfSurrogate(String text) {
    return text.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
  }

  public static String printable(String name) {
    String clean = name.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= 64 ? clean : clean.substring(0, 64) + "...";
  }
}
