package io.alertgate.normalize.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.alert.Timestamps;
import io.alertgate.json.DottedKeys;
import io.alertgate.json.JsonValues;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One Splunk result row or notable event: flat fields whose values are strings, or arrays of strings for
 * multi-value fields. Reads stay lenient because relays and hand-written tests send numbers and nulls too.
 */
final class ResultRow {


  private final JsonNode node;

  ResultRow(JsonNode node) {
    this.node = node;
  }

  JsonNode node() {
    return node;
  }

  /** The field's node, or its first value when it is multi-value: the one a single-valued reader wants. */
  JsonNode first(String field) {
    JsonNode value = DottedKeys.find(node, field);
    if (value != null && value.isArray()) {
      for (JsonNode item : value) {
        if (JsonValues.text(item) != null) {
          return item;
        }
      }
      return null;
    }
    return value;
  }

  /** The first of the fields that has a value, as text. */
  String text(String... fields) {
    for (String field : fields) {
      String value = JsonValues.text(first(field));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** The first of the fields holding a readable time (epoch seconds or ISO) that an alert can carry. */
  Optional<Instant> time(String... fields) {
    for (String field : fields) {
      Optional<Instant> time = Timestamps.parse(first(field));
      if (time.isPresent()) {
        return time;
      }
    }
    return Optional.empty();
  }

  /** Every value of a field, single or multi-value. */
  List<String> values(String field) {
    return JsonValues.texts(DottedKeys.find(node, field));
  }
}
