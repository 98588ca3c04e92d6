package io.alertgate.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DottedKeysTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @DisplayName("A dotted path is found flat, nested, or split anywhere between the two; odd paths find nothing")
  void flatNestedAndMixed() throws Exception {
    JsonNode doc = JSON.readTree("""
        {"kibana.alert.uuid": "flat",
         "kibana": {"alert": {"rule": {"name": "nested"}}, "alert.reason": "mixed"},
         "host.ip": ["10.0.0.1"], "a": {"b": null}, "x": 5}""");
    assertEquals("flat", DottedKeys.text(doc, "kibana.alert.uuid"));
    assertEquals("nested", DottedKeys.text(doc, "kibana.alert.rule.name"));
    assertEquals("mixed", DottedKeys.text(doc, "kibana.alert.reason"));
    assertEquals("10.0.0.1", DottedKeys.find(doc, "host.ip").get(0).asText());
    assertEquals("5", DottedKeys.text(doc, "x"));
    assertNull(DottedKeys.text(doc, "a.b"));
    assertNull(DottedKeys.find(doc, "x.y"));
    assertNull(DottedKeys.find(doc, "kibana.alert.missing"));
    for (String odd : new String[] {".", "..", "", "kibana..alert", ".kibana"}) {
      assertNull(DottedKeys.find(doc, odd), odd);
    }
    assertNull(DottedKeys.find(null, "x"));
  }
}
