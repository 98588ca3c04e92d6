package io.alertgate.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Lenient reads of vendor JSON, where numbers come as strings and strings as numbers. */
public final class JsonValues {

  private JsonValues() {
  }

  /**
   * A string or number as trimmed text; null for anything else, for null, for blank text, and for a number
   * beyond double range (1e999 reads as infinity): such a field is treated as absent, never as an error.
   */
  public static String text(JsonNode node) {
    if (node == null || !(node.isTextual() || node.isNumber() || node.isBoolean()) || isNonFinite(node)) {
      return null;
    }
    // A float id must read as written (1717580000.5), not in scientific notation.
    String text = node.isFloatingPointNumber() ? node.decimalValue().stripTrailingZeros().toPlainString()
        : node.asText().trim();
    return text.isEmpty() ? null : text;
  }

  /** A number JSON can hold but a double cannot (1e999, -1e999): it has no decimal value and no text form. */
  public static boolean isNonFinite(JsonNode node) {
    return node != null && node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue());
  }

  /** The first field present as text. */
  public static String firstText(JsonNode node, String... fields) {
    for (String field : fields) {
      String value = text(DottedKeys.find(node, field));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** A value or an array of values (Splunk multi-value fields, ECS lists) as texts. */
  public static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        String value = text(item);
        if (value != null) {
          out.add(value);
        }
      }
    } else {
      String value = text(node);
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }
}
