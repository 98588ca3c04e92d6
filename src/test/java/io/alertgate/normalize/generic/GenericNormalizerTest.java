package io.alertgate.normalize.generic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertgate.config.ConfigException;
import io.alertgate.config.FieldMapping;
import io.alertgate.config.GatewayConfig;
import io.alertgate.normalize.AlertDraft;
import io.alertgate.normalize.NormalizationException;
import io.alertgate.support.AlertSchema;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GenericNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FieldMapping MAPPING = new FieldMapping(Map.ofEntries(
      Map.entry("title", "/summary"), Map.entry("description", "/details/text"), Map.entry("severity", "/level"),
      Map.entry("event_id", "/id"), Map.entry("timestamp", "/at"), Map.entry("status", "/state"),
      Map.entry("rule_name", "/check"), Map.entry("tags", "/labels"), Map.entry("source_ips", "/net/src"),
      Map.entry("destination_ips", "/net/dst"), Map.entry("users", "/who"), Map.entry("urls", "/links/0"),
      Map.entry("hashes", "/files"), Map.entry("link", "/console")), "Alert from my-app", "low");

  @Test
  @DisplayName("A mapped payload: every mapped field lands where the schema says")
  void mapped() throws Exception {
    JsonNode body = JSON.readTree("""
        {"id": 4711, "summary": "Disk encryption disabled", "details": {"text": "BitLocker was turned off"},
         "level": "HIGH", "at": "2026-11-20T10:00:00+01:00", "state": "new", "check": "encryption-watch",
         "labels": ["endpoint", "compliance"], "net": {"src": ["192.0.2.1", "junk"], "dst": "198.51.100.2"},
         "who": "CORP\\\\admin", "links": ["https://evil.example.com/x"], "files": ["D41D8CD98F00B204E9800998ECF8427E"],
         "console": "https://console.example.org/a/4711", "unknown": {"deep": [1, 2, 3]}}""");
    ObjectNode alert = document(new GenericNormalizer(MAPPING).normalize(body).get(0));
    assertEquals("4711", alert.get("event_id").asText());
    assertEquals("my-app:4711", alert.get("correlation_key").asText());
    assertEquals("Disk encryption disabled", alert.get("title").asText());
    assertEquals("BitLocker was turned off", alert.get("description").asText());
    assertEquals("high", alert.get("severity").asText());
    assertEquals("HIGH", alert.get("vendor_severity").asText());
    assertEquals("open", alert.get("status").asText());
    assertEquals("2026-11-20T09:00:00.000Z", alert.get("timestamp").asText());
    assertEquals("{\"id\":null,\"name\":\"encryption-watch\"}", alert.get("rule").toString());
    assertEquals("[\"endpoint\",\"compliance\"]", alert.get("tags").toString());
    assertEquals("[{\"value\":\"192.0.2.1\",\"role\":\"source\"},{\"value\":\"198.51.100.2\",\"role\":\"destination\"}]",
        alert.at("/indicators/ips").toString());
    assertEquals("[\"CORP\\\\admin\"]", alert.at("/indicators/users").toString());
    assertEquals("[\"evil.example.com\"]", alert.at("/indicators/domains").toString());
    assertEquals("md5", alert.at("/indicators/hashes/0/type").asText());
    assertEquals("https://console.example.org/a/4711", alert.at("/links/0/href").asText());
    assertEquals(body, alert.get("raw"));
  }

  @Test
  @DisplayName("Defaults: title and severity from the mapping when the payload has none; arrays give one alert each")
  void defaults() throws Exception {
    List<AlertDraft> alerts = new GenericNormalizer(MAPPING).normalize(JSON.readTree("[{}, {\"level\": \"bogus\"}]"));
    assertEquals(2, alerts.size());
    ObjectNode first = document(alerts.get(0));
    assertEquals("Alert from my-app", first.get("title").asText());
    assertEquals("low", first.get("severity").asText());
    assertEquals("low", document(alerts.get(1)).get("severity").asText());
  }

  @Test
  @DisplayName("An alerts pointer that names no array, non-object items and empty bodies fail with a path")
  void failures() throws Exception {
    GenericNormalizer listed = new GenericNormalizer(new FieldMapping(Map.of("alerts", "/items"), null, "medium"));
    assertEquals("/items: the alerts pointer does not name an array",
        assertThrows(NormalizationException.class, () -> listed.normalize(JSON.readTree("{\"items\": 3}"))).getMessage());
    assertEquals("$[1]: is not an object", assertThrows(NormalizationException.class,
        () -> new GenericNormalizer(MAPPING).normalize(JSON.readTree("[{}, 7]"))).getMessage());
    assertEquals("$: holds no alerts", assertThrows(NormalizationException.class,
        () -> new GenericNormalizer(MAPPING).normalize(JSON.readTree("[]"))).getMessage());
  }

  @Test
  @DisplayName("Mappings are checked at start-up: known fields only, JSON pointers, a real default severity")
  void configuration() {
    JsonObject ok = source(new JsonObject().put("title", "/t").put("users", "/u/0"));
    GatewayConfig config = GatewayConfig.parse(ok, Map.of());
    assertEquals("/t", config.sources().get("my-app").mapping().pointers().get("title"));
    assertThrows(ConfigException.class, () -> GatewayConfig.parse(source(new JsonObject().put("colour", "/c")), Map.of()));
    assertThrows(ConfigException.class, () -> GatewayConfig.parse(source(new JsonObject().put("title", "t")), Map.of()));
    JsonObject badSeverity = source(new JsonObject());
    badSeverity.getJsonObject("sources").getJsonObject("my-app").put("default_severity", "urgent");
    assertThrows(ConfigException.class, () -> GatewayConfig.parse(badSeverity, Map.of()));
  }

  private static JsonObject source(JsonObject mapping) {
    return new JsonObject().put("sources", new JsonObject().put("my-app", new JsonObject()
        .put("auth", new JsonObject().put("type", "none")).put("mapping", mapping)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e999", "-1e999", "1e400", "123456789012345678901234567890"})
  @DisplayName("A mapped level beyond any score is no level: the mapping's default severity, not a failure")
  void levelOutOfRange(String number) throws Exception {
    JsonNode body = JSON.readTree("{\"id\": " + number + ", \"level\": " + number + ", \"at\": " + number + "}");
    ObjectNode alert = document(new GenericNormalizer(MAPPING).normalize(body).get(0));
    assertEquals("low", alert.get("severity").asText());
  }

  private static ObjectNode document(AlertDraft draft) {
    ObjectNode doc = draft.toJson(UUID.randomUUID(), UUID.randomUUID(), "my-app", Instant.parse("2026-11-20T10:00:05Z"));
    AlertSchema.assertValid(doc);
    return doc;
  }
}
