package io.alertgate.deliver;

import io.alertgate.secret.SecretBox;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.BiFunction;

/**
 * What happens to a destination type's secret fields on their way in and out: sealed before they are stored, opened
 * when they are read back, shown as {@link #REDACTED} in every answer, and kept as they were when an answer's redacted
 * value is saved back. A field whose value is an object (a webhook's headers) is treated value by value.
 */
public final class SecretFields {

  /** What every answer shows in place of a secret. */
  public static final String REDACTED = "********";

  private final List<String> fields;

  public SecretFields(List<String> fields) {
    this.fields = List.copyOf(fields);
  }

  /** A copy with each secret sealed under a context naming the destination and field. */
  public JsonObject seal(JsonObject settings, String destination, SecretBox box) {
    return each(settings, (value, field) -> box.seal(value, context(destination, field)));
  }

  /** A copy with each sealed secret opened again. */
  public JsonObject open(JsonObject stored, String destination, SecretBox box) {
    return each(stored, (value, field) -> box.open(value, context(destination, field)));
  }

  /** A copy fit for an answer. */
  public JsonObject redact(JsonObject settings) {
    return each(settings, (value, field) -> REDACTED);
  }

  /** The new settings, with each secret that came back redacted replaced by the one saved before. */
  public JsonObject keepUnchanged(JsonObject incoming, JsonObject saved) {
    JsonObject merged = incoming.copy();
    for (String field : fields) {
      Object value = merged.getValue(field);
      Object before = saved.getValue(field);
      if (REDACTED.equals(value)) {
        merged.put(field, before);
      } else if (value instanceof JsonObject object && before instanceof JsonObject previous) {
        for (String key : object.fieldNames()) {
          if (REDACTED.equals(object.getValue(key))) {
            object.put(key, previous.getValue(key));
          }
        }
      }
    }
    return merged;
  }

  private JsonObject each(JsonObject settings, BiFunction<String, String, String> change) {
    JsonObject copy = settings.copy();
    for (String field : fields) {
      Object value = copy.getValue(field);
      if (value instanceof String text) {
        copy.put(field, change.apply(text, field));
      } else if (value instanceof JsonObject object) {
        for (String key : object.fieldNames()) {
          if (object.getValue(key) instanceof String text) {
            object.put(key, change.apply(text, field + "." + key));
          }
        }
      }
    }
    return copy;
  }

  private static String context(String destination, String field) {
    return "destination:" + destination + ":" + field;
  }
}
