package io.alertgate.normalize.sentinel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.alertgate.alert.Severity;
import io.alertgate.alert.Timestamps;
import io.alertgate.json.JsonValues;
import io.alertgate.normalize.AlertDraft;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lenient reads of Sentinel's JSON. The same data reaches us spelled two ways, camelCase in the REST resources a
 * Logic App forwards and PascalCase in Log Analytics rows and alert entity JSON, so every field is looked up
 * without regard to case; and lists come as arrays, comma-separated strings or JSON text inside a string.
 */
final class SentinelFields {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LIST_PUNCTUATION = Pattern.compile("[\\[\\]\"]");

  private SentinelFields() {
  }

  /** The field of that name in any case (the exact spelling first), or null when absent or not an object. */
  static JsonNode field(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** The first of the fields holding a string, number or boolean, as trimmed text; null if none does. */
  static String text(JsonNode node, String... names) {
    for (String name : names) {
      String value = JsonValues.text(field(node, name));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** The first of the fields holding text, as the node the vendor sent (to keep a severity word as sent). */
  static JsonNode textNode(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode value = field(node, name);
      if (JsonValues.text(value) != null) {
        return value;
      }
    }
    return null;
  }

  /** The first of the fields that reads as a time an alert document can carry; null if none does. */
  static Instant time(JsonNode node, String... names) {
    for (String name : names) {
      Instant value = Timestamps.parse(field(node, name)).orElse(null);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /**
   * The items of a list field: a JSON array, a JSON array written into a string (Log Analytics {@code Techniques}),
   * or a comma-separated string (Log Analytics {@code Tactics}).
   */
  static List<String> words(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(item -> split(JsonValues.text(item), out));
      return out;
    }
    String text = JsonValues.text(node);
    if (text != null && text.startsWith("[")) {
      JsonNode parsed = parse(text);
      if (parsed.isArray()) {
        parsed.forEach(item -> split(JsonValues.text(item), out));
        return out;
      }
      // Not valid JSON after all; still read it as the list it was meant to be.
      text = LIST_PUNCTUATION.matcher(text).replaceAll(" ");
    }
    split(text, out);
    return out;
  }

  /** An array or object as is, or the JSON a string holds (Log Analytics {@code Entities}); else a missing node. */
  static JsonNode embedded(JsonNode node) {
    if (node == null) {
      return MissingNode.getInstance();
    }
    if (node.isContainerNode()) {
      return node;
    }
    return node.isTextual() ? parse(node.asText()) : MissingNode.getInstance();
  }

  /** The last segment of an Azure resource id ({@code .../alertRules/<id>}), or the value if it has no slash. */
  static String lastSegment(String resourceId) {
    if (resourceId == null) {
      return null;
    }
    String trimmed = resourceId.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    String segment = trimmed.substring(trimmed.lastIndexOf('/') + 1).strip();
    return segment.isEmpty() ? null : segment;
  }

  /** A severity word as Sentinel sends it; an unknown word is kept as sent while the alert counts as medium. */
  static void severity(AlertDraft draft, JsonNode vendorValue) {
    Severity known = Severity.fromWord(JsonValues.text(vendorValue)).orElse(Severity.MEDIUM);
    draft.severity(known, vendorValue);
  }

  /** The JSON type of a node, for error messages that say what was found instead. */
  static String describe(JsonNode node) {
    return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode parsed = JSON.readTree(text);
      return parsed == null ? MissingNode.getInstance() : parsed;
    } catch (JsonProcessingException e) {
      // Invalid or too deeply nested JSON in a string field is the vendor's problem, not a reason to drop the alert.
      return MissingNode.getInstance();
    }
  }

  private static void split(String text, List<String> out) {
    if (text == null) {
      return;
    }
    for (String part : text.split(",")) {
      String word = part.strip();
      if (!word.isEmpty()) {
        out.add(word);
      }
    }
  }
}
