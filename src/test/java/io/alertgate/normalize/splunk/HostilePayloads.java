package io.alertgate.normalize.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.provider.Arguments;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Bodies a sender could post to a Splunk source by mistake or on purpose: deep nesting, junk, wrong types, control
 * characters, megabyte strings. Each is named for the test report.
 */
final class HostilePayloads {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String DEEP_ARRAY = "[".repeat(500) + "]".repeat(500);
  private static final String DEEP_OBJECT = "{\"a\":".repeat(500) + "1" + "}".repeat(500);
  private static final String HUGE = "x".repeat(2_000_000);

  private HostilePayloads() {
  }

  static Stream<Arguments> bodies() {
    return Stream.of(
        Arguments.of("deep array", DEEP_ARRAY),
        Arguments.of("deep object", DEEP_OBJECT),
        Arguments.of("deep array of bodies", "[" + DEEP_ARRAY + "]"),
        Arguments.of("deep result row", "{\"sid\":\"1.1\",\"result\":" + DEEP_OBJECT + "}"),
        Arguments.of("deep fields in a row",
            "{\"sid\":\"1.1\",\"result\":{\"src_ip\":" + DEEP_ARRAY + ",\"x\":" + DEEP_OBJECT + "}}"),
        Arguments.of("deep notable fields",
            "{\"event_id\":" + DEEP_ARRAY + ",\"urgency\":" + DEEP_OBJECT + ",\"_time\":" + DEEP_ARRAY + "}"),
        Arguments.of("empty result", "{\"result\":{}}"),
        Arguments.of("array of junk", "[1, \"x\", null, true, {}, []]"),
        Arguments.of("array of empty objects", "[{}, {}]"),
        Arguments.of("unknown shape", "{\"alert\":{\"name\":\"x\"},\"severity\":\"high\"}"),
        Arguments.of("objects everywhere", """
            {"sid": {}, "search_name": [], "app": {}, "results_link": {},
             "result": {"_raw": {}, "_time": {}, "tag": {"a": 1}, "src_ip": {"ip": "192.0.2.1"}, "severity": [{}]}}"""),
        Arguments.of("booleans everywhere", """
            {"event_id": true, "rule_name": false, "urgency": true, "_time": true, "status": true, "src": true,
             "tag": [true, false]}"""),
        Arguments.of("unicode and control characters", """
            {"sid": "a\\u0000b\\u001f", "search_name": "\\u202e\\ud83d\\ude00 \u540d\u524d\\n\\t",
             "results_link": "https://splunk.example.com/\\u0000",
             "result": {"_raw": "\\u0000\\u0007\\ud800", "src_ip": "\uff11\uff19\uff12.0.2.1", "user": "us\\u0007er",
                        "host": "h\u00f6st", "dest": "\\u0000", "url": "http://\u4f8b\u3048.example.com/\u30d1\u30b9",
                        "severity": "\\u0000high"}}"""),
        Arguments.of("unicode notable", """
            {"event_id": "\\u0000\\ud83d\\ude00@@notable@@\\uffff", "rule_title": "\\u0000",
             "mitre_attack": ["t1059", "\\u0000T1059"], "mitre_tactic": ["\\u0000"]}"""),
        Arguments.of("huge strings", "{\"sid\":\"" + HUGE + "\",\"search_name\":\"" + HUGE + "\",\"app\":\"" + HUGE
            + "\",\"result\":{\"_raw\":\"" + HUGE + "\",\"tag\":\"" + HUGE + "\",\"src\":\"" + HUGE
            + "\",\"url\":\"http://" + HUGE + ".example.com/\",\"_time\":\"" + "9".repeat(100_000)
            + "\",\"severity\":\"" + "1".repeat(100_000) + "\"}}"),
        Arguments.of("huge notable", "{\"event_id\":\"" + HUGE + "@@notable@@\",\"rule_title\":\"" + HUGE
            + "\",\"description\":\"" + HUGE + "\",\"status\":\"" + HUGE + "\",\"dest\":\"" + HUGE + "\"}"),
        Arguments.of("absurd times", "{\"event_id\":\"e\",\"_time\":\"+999999999-12-31T23:59:59Z\"}"),
        Arguments.of("absurd times in a row", "{\"sid\":\"1.1\",\"result\":{\"_time\":\"99999-01-01T00:00:00\"}}"),
        Arguments.of("negative and odd numbers", """
            {"sid": -1, "result": {"_time": -5, "severity": -1e308, "urgency": 1e400, "src_ip": -0.0}}"""));
  }

  /** The same shape with every value, in the body and in its result row, replaced by null. */
  static JsonNode withNulls(JsonNode body) {
    return replaceValues(body, value -> NODES.nullNode());
  }

  /** The same shape with every string a number and every list a list of numbers. */
  static JsonNode withNumbers(JsonNode body) {
    return replaceValues(body, value -> {
      if (!value.isArray()) {
        return NODES.numberNode(value.asText().hashCode());
      }
      ArrayNode numbers = NODES.arrayNode();
      value.forEach(item -> numbers.add(item.asText().length()));
      return numbers;
    });
  }

  private static JsonNode replaceValues(JsonNode body, UnaryOperator<JsonNode> replacement) {
    ObjectNode copy = body.deepCopy();
    copy.properties().forEach(field -> {
      if (field.getValue().isObject()) {
        field.getValue().properties().forEach(inner -> inner.setValue(replacement.apply(inner.getValue())));
      } else {
        field.setValue(replacement.apply(field.getValue()));
      }
    });
    return copy;
  }
}
