package io.alertgate.normalize;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alertgate.json.JsonValues;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a draft keeps of what a vendor sent: bounded, printable, never a broken character. */
class AlertDraftTest {

  @Test
  @DisplayName("Draft bounds: long or control-laden ids become digests; clipping never splits a surrogate pair")
  void draftBounds() {
    var raw = JsonNodeFactory.instance.objectNode();
    AlertDraft draft = new AlertDraft("t", raw).eventId("x".repeat(5_000)).title("\ud834\udd1e".repeat(600))
        .tag("y".repeat(1_000));
    var doc = draft.toJson(UUID.randomUUID(), UUID.randomUUID(), "s", Instant.now());
    assertEquals("sha256:", doc.get("event_id").asText().substring(0, 7));
    String title = doc.get("title").asText();
    assertEquals(-1, title.codePoints().filter(cp -> cp >= 0xd800 && cp <= 0xdfff).findAny().orElse(-1));
    assertEquals(256, doc.get("tags").get(0).asText().length());
    assertEquals("abc-1", new AlertDraft("t", raw).eventId("abc-1").eventId());
    assertEquals("1717580000.5", JsonValues.text(DoubleNode.valueOf(1717580000.5)));
    assertEquals(Optional.empty(), IndicatorValues.host("xxx.xxx.x.x"));
  }
}
