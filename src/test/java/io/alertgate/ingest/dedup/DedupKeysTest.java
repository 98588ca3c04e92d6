package io.alertgate.ingest.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertgate.config.AuthConfig;
import io.alertgate.config.AuthScheme;
import io.alertgate.config.SourceConfig;
import io.alertgate.config.Vendor;
import io.alertgate.digest.Digests;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DedupKeysTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @DisplayName("A signed webhook-id (Standard Webhooks) is the key by itself, over every vendor id")
  void signedWebhookId() {
    String key = DedupKeys.of(source(Vendor.GENERIC), "msg_1", true, json("{\"kibana.alert.uuid\":\"u1\"}"), digest("b"));
    assertEquals("webhook-id:msg_1", key);
    assertTrue(DedupKeys.isSignedWebhookId(key));
  }

  @Test
  @DisplayName("An unsigned webhook-id (HMAC, token) is keyed with the body digest: exact retries only")
  void unsignedWebhookId() {
    String body = "{\"kibana.alert.uuid\":\"u1\"}";
    String key = key(Vendor.ELASTIC, "msg_1", body);
    assertEquals("webhook-id:msg_1#" + sha256(body), key);
    assertFalse(DedupKeys.isSignedWebhookId(key));
    assertNotEquals(key, key(Vendor.ELASTIC, "msg_1", "{\"kibana.alert.uuid\":\"u2\"}"));
    assertTrue(key(Vendor.ELASTIC, "x".repeat(10_000), body).length() <= 200);
  }

  @Test
  @DisplayName("Elastic: kibana.alert.uuid read from flat, nested and mixed keys")
  void elasticUuid() {
    assertEquals("kibana:u1", key(Vendor.ELASTIC, null, "{\"kibana.alert.uuid\":\"u1\"}"));
    assertEquals("kibana:u1", key(Vendor.ELASTIC, null, "{\"kibana\":{\"alert\":{\"uuid\":\"u1\"}}}"));
    assertEquals("kibana:u1", key(Vendor.ELASTIC, null, "{\"kibana.alert\":{\"uuid\":\"u1\"}}"));
    assertEquals("kibana:u1", key(Vendor.ELASTIC, null, "{\"kibana\":{\"alert.uuid\":\"u1\"}}"));
  }

  @Test
  @DisplayName("Elastic: a batch is keyed by its sorted uuids, in any container and any order")
  void elasticBatch() {
    String array = key(Vendor.ELASTIC, null, "[{\"kibana.alert.uuid\":\"b\"},{\"kibana.alert.uuid\":\"a\"}]");
    String wrapped = key(Vendor.ELASTIC, null,
        "{\"rule\":{\"name\":\"r\"},\"alerts\":[{\"kibana.alert.uuid\":\"a\"},{\"kibana.alert.uuid\":\"b\"}]}");
    String context = key(Vendor.ELASTIC, null,
        "{\"context\":{\"alerts\":[{\"kibana.alert.uuid\":\"a\"},{\"kibana.alert.uuid\":\"b\"}]}}");
    assertTrue(array.startsWith("kibana-batch:"));
    assertEquals(array, wrapped);
    assertEquals(array, context);
    assertEquals("kibana:a", key(Vendor.ELASTIC, null, "{\"signals\":[{\"kibana.alert.uuid\":\"a\"}]}"));
  }

  @Test
  @DisplayName("Elastic: without a uuid (or with one alert lacking it) the body digest is the key")
  void elasticFallback() {
    String body = "[{\"kibana.alert.uuid\":\"a\"},{\"other\":1}]";
    assertEquals("body:" + sha256(body), key(Vendor.ELASTIC, null, body));
    assertEquals("body:" + sha256("{\"kibana.alert.uuid\":{\"x\":1}}"),
        key(Vendor.ELASTIC, null, "{\"kibana.alert.uuid\":{\"x\":1}}"));
  }

  @Test
  @DisplayName("Sentinel: incident name with its last-modified time, from the Logic App envelope or bare")
  void sentinelIncident() {
    String incident = "{\"name\":\"73e01a99\",\"properties\":{\"lastModifiedTimeUtc\":\"2024-01-01T10:00:00Z\",\"title\":\"t\"}}";
    assertEquals("incident:73e01a99@2024-01-01T10:00:00Z", key(Vendor.SENTINEL, null, incident));
    assertEquals("incident:73e01a99@2024-01-01T10:00:00Z", key(Vendor.SENTINEL, null,
        "{\"eventUniqueId\":\"e\",\"objectSchemaType\":\"Incident\",\"object\":" + incident + "}"));
    String updated = incident.replace("10:00:00Z", "11:00:00Z");
    assertNotEquals(key(Vendor.SENTINEL, null, incident), key(Vendor.SENTINEL, null, updated));
  }

  @Test
  @DisplayName("Sentinel: an alert's systemAlertId, camelCase resource or PascalCase Log Analytics row")
  void sentinelAlert() {
    assertEquals("alert:sa-1", key(Vendor.SENTINEL, null, "{\"properties\":{\"systemAlertId\":\"sa-1\"}}"));
    assertEquals("alert:SA-2@2024-02-02T00:00:00Z", key(Vendor.SENTINEL, null,
        "{\"SystemAlertId\":\"SA-2\",\"TimeGenerated\":\"2024-02-02T00:00:00Z\",\"Entities\":\"[]\"}"));
  }

  @Test
  @DisplayName("Splunk: the search id plus a digest of the result row; else the notable's event_id")
  void splunk() {
    String one = key(Vendor.SPLUNK, null, "{\"sid\":\"rt_1\",\"result\":{\"host\":\"a\"},\"search_name\":null}");
    String other = key(Vendor.SPLUNK, null, "{\"sid\":\"rt_1\",\"result\":{\"host\":\"b\"}}");
    assertTrue(one.startsWith("sid:rt_1/"));
    assertNotEquals(one, other);
    assertEquals("notable:E1@@notable@@abc", key(Vendor.SPLUNK, null, "{\"event_id\":\"E1@@notable@@abc\",\"urgency\":\"high\"}"));
    assertEquals("notable:E2", key(Vendor.SPLUNK, null, "{\"result\":{\"event_id\":\"E2\"}}"));
  }

  @Test
  @DisplayName("Generic: the configured JSON pointer, numbers included; missing or blank falls back to the digest")
  void generic() {
    SourceConfig source = new SourceConfig("app", Vendor.GENERIC, auth(), Optional.of("/event/id"));
    assertEquals("id:42", DedupKeys.of(source, null, false, json("{\"event\":{\"id\":42}}"), digest("x")));
    assertEquals("id:e-1", DedupKeys.of(source, null, false, json("{\"event\":{\"id\":\"e-1\"}}"), digest("x")));
    assertTrue(DedupKeys.of(source, null, false, json("{\"event\":{\"id\":\" \"}}"), digest("x")).startsWith("body:"));
    assertTrue(DedupKeys.of(source, null, false, json("{\"event\":{}}"), digest("x")).startsWith("body:"));
  }

  @Test
  @DisplayName("Long ids and ids with control characters become a digest, keeping their kind")
  void boundedKeys() {
    String keyed = DedupKeys.of(source(Vendor.ELASTIC), "x".repeat(10_000), true, json("{}"), digest("{}"));
    assertTrue(keyed.startsWith("webhook-id:sha256:"));
    assertTrue(keyed.length() < 100);
    String surrogate = key(Vendor.ELASTIC, null, "{\"kibana.alert.uuid\":\"\\ud800\"}");
    assertTrue(surrogate.startsWith("kibana:sha256:"), surrogate);
    assertNotEquals(surrogate, key(Vendor.ELASTIC, null, "{\"kibana.alert.uuid\":\"\\udbff\"}"));
    String control = key(Vendor.ELASTIC, null, "{\"kibana.alert.uuid\":\"a\\u0000b\"}");
    assertTrue(control.startsWith("kibana:sha256:"), control);
    assertEquals("kibana:\u00fc\u2603", key(Vendor.ELASTIC, null, "{\"kibana.alert.uuid\":\"\u00fc\u2603\"}"));
  }

  private static String key(Vendor vendor, String webhookId, String body) {
    return DedupKeys.of(source(vendor), webhookId, false, json(body), digest(body));
  }

  private static SourceConfig source(Vendor vendor) {
    return new SourceConfig(vendor.configName(), vendor, auth(), Optional.empty());
  }

  private static AuthConfig auth() {
    return new AuthConfig(AuthScheme.NONE, null, AuthConfig.SignatureEncoding.HEX, List.of(), List.of());
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static byte[] digest(String body) {
    return Digests.sha256(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(String body) {
    return Digests.sha256Hex(body);
  }
}
