package io.alertgate.normalize.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertgate.normalize.AlertDraft;
import io.alertgate.normalize.NormalizationException;
import io.alertgate.support.AlertSchema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElasticNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UUID ID = UUID.fromString("00000000-0000-7000-8000-000000000001");
  private static final UUID INBOUND = UUID.fromString("00000000-0000-7000-8000-0000000000aa");
  private static final Instant INGESTED = Instant.parse("2026-11-20T08:14:05Z");

  private final ElasticNormalizer normalizer = new ElasticNormalizer();

  @Test
  @DisplayName("A Kibana 8 alert with flat and nested keys mixed: every field of the normalized alert")
  void flatAndNested() throws IOException {
    JsonNode body = fixture("flat-and-nested.json");
    List<AlertDraft> alerts = normalizer.normalize(body);
    assertEquals(1, alerts.size());
    ObjectNode alert = document(alerts.get(0));
    assertEquals(body, alert.remove("raw"));
    assertEquals(fixture("flat-and-nested.expected.json"), alert);
  }

  @Test
  @DisplayName("The same alert written fully nested normalizes to the same document")
  void fullyNested() throws IOException {
    ObjectNode nested = document(normalizer.normalize(fixture("nested.json")).get(0));
    ObjectNode flat = document(normalizer.normalize(fixture("flat-and-nested.json")).get(0));
    nested.remove("raw");
    flat.remove("raw");
    assertEquals(flat, nested);
  }

  @Test
  @DisplayName("The connector's alerts list and context.alerts each give one alert per document")
  void containers() throws IOException {
    List<AlertDraft> listed = normalizer.normalize(fixture("connector-alerts.json"));
    assertEquals(2, listed.size());
    ObjectNode second = document(listed.get(1));
    assertEquals("0c2d4e6f8a1b3c5d7e9f0a2b4c6d8e0f", second.get("event_id").asText());
    assertEquals("critical", second.get("severity").asText());
    assertEquals("203.0.113.77", second.at("/indicators/ips/0/value").asText());
    assertEquals(1, normalizer.normalize(fixture("context-alerts.json")).size());
    JsonNode array = JSON.createArrayNode().add(fixture("flat-and-nested.json")).add(fixture("legacy-signal.json"));
    assertEquals(2, normalizer.normalize(array).size());
  }

  @Test
  @DisplayName("7.x signal fields: rule, status, reason, and severity from the risk score band")
  void legacySignal() throws IOException {
    ObjectNode alert = document(normalizer.normalize(fixture("legacy-signal.json")).get(0));
    assertEquals("4c1d2e3f", alert.get("event_id").asText());
    assertEquals("elastic:rule-7:4c1d2e3f", alert.get("correlation_key").asText());
    assertEquals("medium", alert.get("severity").asText());
    assertEquals(47, alert.get("vendor_severity").asInt());
    assertEquals("closed", alert.get("status").asText());
    assertEquals("Brute force", alert.get("title").asText());
    assertEquals("[\"Auth\"]", alert.get("tags").toString());
    assertEquals("2021-05-02T11:00:00.000Z", alert.get("timestamp").asText());
    assertEquals("2001:db8::1", alert.at("/indicators/ips/0/value").asText());
    assertEquals("[\"web-03\"]", alert.at("/indicators/hosts").toString());
  }

  @Test
  @DisplayName("The correlation key survives a re-send and a workflow update, and differs between alerts")
  void correlationKey() throws IOException {
    ObjectNode original = (ObjectNode) fixture("flat-and-nested.json");
    ObjectNode updated = original.deepCopy().put("kibana.alert.workflow_status", "closed")
        .put("@timestamp", "2026-11-21T00:00:00Z");
    ObjectNode other = original.deepCopy().put("kibana.alert.uuid", "ffffffffffffffffffffffffffffffff");
    String key = key(original);
    assertEquals(key, key(updated));
    assertNotEquals(key, key(other));
  }

  @Test
  @DisplayName("10,000 alerts in one body become 10,000 valid alerts")
  void largeBatch() {
    var array = JSON.createArrayNode();
    for (int i = 0; i < 10_000; i++) {
      array.addObject().put("kibana.alert.uuid", "u" + i).put("kibana.alert.rule.name", "r")
          .put("kibana.alert.risk_score", String.valueOf(i % 100)).put("source.ip", "192.0.2." + (i % 256));
    }
    List<AlertDraft> alerts = normalizer.normalize(array);
    assertEquals(10_000, alerts.size());
    AlertSchema.assertValid(document(alerts.get(9_999)));
    assertEquals("critical", document(alerts.get(99)).get("severity").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      "[]",
      "{\"alerts\": []}",
      "[1, \"two\", null]",
      "{\"message\": \"hello\"}",
      "{\"alerts\": [{\"kibana.alert.uuid\": \"ok\"}, 42]}"})
  @DisplayName("Unknown shapes fail with a path and a reason")
  void unknownShapes(String body) throws IOException {
    NormalizationException failure = assertThrows(NormalizationException.class,
        () -> normalizer.normalize(JSON.readTree(body)));
    assertTrue(failure.getMessage().matches("^(\\$|alerts|signals|context\\.alerts)(\\[\\d+])?: .+"), failure.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"kibana.alert.uuid\": null, \"kibana.alert.rule.name\": null, \"kibana.alert.reason\": \"r\", \"@timestamp\": null,"
          + " \"kibana.alert.severity\": null, \"host\": null, \"source.ip\": null, \"kibana.alert.rule.threat\": null}",
      "{\"kibana.alert.uuid\": 12345, \"kibana.alert.rule.name\": 7, \"kibana.alert.severity\": 99,"
          + " \"kibana.alert.risk_score\": \"88\", \"@timestamp\": \"1700000000\", \"host.ip\": 17}",
      "{\"kibana.alert.uuid\": \"u\", \"kibana.alert.rule.threat\": [{\"tactic\": \"x\", \"technique\": {\"id\": 1}}, 5, null]}",
      "{\"kibana.alert.uuid\": \"u\\u0000\\u202e\", \"kibana.alert.rule.name\": \"\\ud83d\\udea8 caf\\u00e9\\u0007\","
          + " \"user.name\": \"\\u0000root\", \"kibana.alert.risk_score\": \"NaN\", \"kibana.alert.rule.tags\": {\"a\": 1}}",
      "{\"kibana\": {\"alert\": {\"uuid\": [\"a\", \"b\"], \"rule\": \"flat?\"}}, \"kibana.alert.reason\": {\"x\": 1},"
          + " \"kibana.alert.rule.name\": \"n\", \"source\": [1, 2], \"url.full\": \"javascript:alert(1)\"}"})
  @DisplayName("Nulls, wrong types, control characters: a valid alert, never a crash")
  void oddValues(String body) throws IOException {
    for (AlertDraft alert : normalizer.normalize(JSON.readTree(body))) {
      AlertSchema.assertValid(document(alert));
    }
  }

  @Test
  @DisplayName("Deep nesting inside an alert is carried in raw without a crash")
  void deepNesting() throws IOException {
    String deep = "{\"kibana.alert.uuid\": \"d\", \"kibana.alert.rule.name\": \"deep\", \"x\": "
        + "[".repeat(900) + "1" + "]".repeat(900) + "}";
    AlertSchema.assertValid(document(normalizer.normalize(JSON.readTree(deep)).get(0)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e999", "-1e999", "1e400", "123456789012345678901234567890", "\"1e999\""})
  @DisplayName("A risk score beyond double range or beyond any score is ignored: the alert is medium, not a failure")
  void scoreOutOfRange(String score) throws IOException {
    JsonNode body = JSON.readTree("{\"kibana.alert.uuid\": \"u-1\", \"kibana.alert.rule.name\": \"Huge score\","
        + " \"kibana.alert.risk_score\": " + score + "}");
    ObjectNode alert = document(normalizer.normalize(body).get(0));
    assertEquals("medium", alert.get("severity").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-0.0", "-0", "0"})
  @DisplayName("A risk score of negative zero is a score of zero: low")
  void negativeZero(String score) throws IOException {
    JsonNode body = JSON.readTree("{\"kibana.alert.uuid\": \"u-1\", \"kibana.alert.risk_score\": " + score + "}");
    assertEquals("low", document(normalizer.normalize(body).get(0)).get("severity").asText());
  }

  private static String key(JsonNode body) {
    return new ElasticNormalizer().normalize(body).get(0).correlationKey();
  }

  private static ObjectNode document(AlertDraft draft) {
    ObjectNode document = draft.toJson(ID, INBOUND, "elastic", INGESTED);
    AlertSchema.assertValid(document);
    return document;
  }

  private static JsonNode fixture(String name) throws IOException {
    try (InputStream in = ElasticNormalizerTest.class.getResourceAsStream("/fixtures/elastic/" + name)) {
      return JSON.readTree(in);
    }
  }
}
