package io.alertgate.deliver;

import io.alertgate.deliver.http.Endpoint;
import io.alertgate.secret.SecretBox;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.BiFunction;

/**
 * What happens to a destination type's secret fields on their way in and out: sealed before they are stored, opened
 * when they are read back, shown as {@link #REDACTED} in every answer, and kept as they were when an answer's redacted
 * value is saved back. A field whose value is an object (a webhook's headers) is treated value by value. An address
 * that may carry a secret in its path or query (a webhook's {@code url}) is sealed too, and shown without them.
 */
public final class SecretFields {

  /** What every answer shows in place of a secret. */
  public static final String REDACTED = "********";
  /** Where a destination is; saved secrets go to the saved address only. */
  static final List<String> ADDRESSES = List.of("url", "base_url");

  private final List<String> fields;
  private final List<String> maskedAddresses;

  public SecretFields(List<String> fields, List<String> maskedAddresses) {
    this.fields = List.copyOf(fields);
    this.maskedAddresses = List.copyOf(maskedAddresses);
  }

  /** A copy with each secret sealed under a context naming the destination and field. */
  public JsonObject seal(JsonObject settings, String destination, SecretBox box) {
    return each(settings, true, (value, field) -> box.seal(value, context(destination, field)));
  }

  /** A copy with each sealed secret opened again. */
  public JsonObject open(JsonObject stored, String destination, SecretBox box) {
    return each(stored, true, (value, field) -> box.open(value, context(destination, field)));
  }

  /** A copy fit for an answer. */
  public JsonObject redact(JsonObject settings) {
    JsonObject copy = each(settings, false, (value, field) -> REDACTED);
    for (String field : maskedAddresses) {
      if (copy.getValue(field) instanceof String address) {
        copy.put(field, shown(address));
      }
    }
    return copy;
  }

  /**
   * The new settings, with each secret that came back redacted replaced by the one saved before, when the address
   * is the saved one. Saved secrets are never paired with another address: that would send them wherever an
   * operator's request (or a stolen admin token) points.
   */
  public JsonObject keepUnchanged(JsonObject incoming, JsonObject saved) {
    JsonObject merged = incoming.copy();
    for (String field : maskedAddresses) {
      if (saved.getValue(field) instanceof String address && shown(address).equals(merged.getValue(field))) {
        merged.put(field, address);
      }
    }
    if (!sameAddress(merged, saved)) {
      return merged;
    }
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

  /**
   * Some fields tried over the saved settings (a connection check): the saved secrets stay only while the address
   * does.
   */
  public JsonObject overlay(JsonObject saved, JsonObject incoming) {
    JsonObject restored = keepUnchanged(incoming, saved);
    JsonObject start = saved.copy();
    if (!sameAddress(restored, saved)) {
      fields.forEach(start::remove);
    }
    return start.mergeIn(restored);
  }

  /** Whether a secret is still {@link #REDACTED}: a value an answer showed, with no saved secret to stand for. */
  public boolean anyRedacted(JsonObject settings) {
    JsonObject seen = each(settings, false, (value, field) -> REDACTED.equals(value) ? REDACTED : "");
    return fields.stream().anyMatch(field -> REDACTED.equals(seen.getValue(field))
        || seen.getValue(field) instanceof JsonObject object && object.getMap().containsValue(REDACTED));
  }

  private static boolean sameAddress(JsonObject settings, JsonObject saved) {
    return ADDRESSES.stream().allMatch(field -> settings.getValue(field) == null
        || settings.getValue(field).equals(saved.getValue(field)));
  }

  private JsonObject each(JsonObject settings, boolean addresses, BiFunction<String, String, String> change) {
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
    if (addresses) {
      for (String field : maskedAddresses) {
        if (copy.getValue(field) instanceof String text) {
          copy.put(field, change.apply(text, field));
        }
      }
    }
    return copy;
  }

  private static String shown(String address) {
    try {
      return Endpoint.parse("url", address).shown();
    } catch (IllegalArgumentException unreadable) {
      return REDACTED;
    }
  }

  private static String context(String destination, String field) {
    return "destination:" + destination + ":" + field;
  }
}
