package io.alertgate.deliver.jira;

import io.alertgate.deliver.Incident;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is written into an issue, from whatever a sender put in its alert. */
class IssueTextTest {

  @Test
  @DisplayName("The summary is one line of at most 255 characters, never cutting a character in half")
  void summary() {
    assertEquals("Encoded PowerShell on host-7",
        IssueText.summary(incident("  Encoded\r\nPowerShell\ton\u2028host-7 ")));
    assertEquals("Alert", IssueText.summary(incident(" \n ")));
    String emoji = "\uD83D\uDD25";
    String summary = IssueText.summary(incident("x".repeat(253) + emoji + "tail"));
    assertEquals("x".repeat(253) + "\u2026", summary, "the pair at 254-255 does not fit whole");
    assertTrue(summary.length() <= IssueText.MAX_SUMMARY);
    assertEquals("x".repeat(252) + emoji + "\u2026", IssueText.summary(incident("x".repeat(252) + emoji + "tail")));
  }

  @Test
  @DisplayName("An incident made of empty and odd values still gives ADF whose every text node has text")
  void adfHasNoEmptyText() {
    JsonObject indicators = new JsonObject()
        .put("ips", new JsonArray().add(new JsonObject().put("value", "")).add(new JsonObject().put("role", "x")))
        .put("domains", new JsonArray().add("").add(" ").add(7).addNull())
        .put("weird", "not a list");
    JsonArray links = new JsonArray().add(new JsonObject()).add(new JsonObject().put("href", "javascript:alert(1)"))
        .add("https://example.com").add(new JsonObject().put("href", "https://e.example/x").put("text", "\n"));
    Incident incident = new Incident("\t", io.alertgate.alert.Severity.LOW, "\n\n \n", "", new JsonObject(),
        new JsonObject().put("indicators", indicators), links, java.util.Optional.empty());

    JsonObject doc = Adf.doc(IssueText.description(incident, "k"));

    List<JsonObject> texts = new ArrayList<>();
    collectTexts(doc, texts);
    assertFalse(texts.isEmpty());
    for (JsonObject text : texts) {
      assertFalse(text.getString("text").isBlank(), doc.encodePrettily());
    }
    assertEquals(List.of("Severity:", " low", "Incident key:", " k", "Links", "https://e.example/x"),
        texts.stream().map(text -> text.getString("text")).toList());
  }

  @Test
  @DisplayName("Wiki markup in an alert stays text: no links, macros, images or line breaks of its own")
  void wikiEscaped() {
    String hostile = "[click|http://evil.example] {html}<script>{html} !http://evil.example/x.png! *bold* C:\\\\tmp";
    String wiki = WikiMarkup.of(IssueText.description(incident(hostile), "k"));
    String firstLine = wiki.lines().findFirst().orElseThrow();

    assertEquals("\\[click\\|http://evil.example\\] \\{html\\}<script>\\{html\\} \\!http://evil.example/x.png\\! "
        + "\\*bold\\* C:&#92;&#92;tmp", firstLine);
  }

  @Test
  @DisplayName("An enriched alert's description names its verdict")
  void verdict() {
    Incident incident = new Incident("t", io.alertgate.alert.Severity.HIGH, null, "s", new JsonObject(),
        new JsonObject().put("enrichment", new JsonObject().put("status", "complete").put("verdict", "malicious")),
        new JsonArray(), java.util.Optional.empty());

    String wiki = WikiMarkup.of(IssueText.description(incident, "k"));
    assertTrue(wiki.contains("malicious (complete)"), wiki);
  }

  @Test
  @DisplayName("However much an alert carries, the description stays far below Jira's 32,767 characters")
  void bounded() {
    JsonArray many = new JsonArray();
    for (int i = 0; i < 1_000; i++) {
      many.add("host-" + i + "-" + "h".repeat(500));
    }
    JsonArray links = new JsonArray();
    for (int i = 0; i < 1_000; i++) {
      links.add(new JsonObject().put("href", "https://e.example/" + i).put("text", "l".repeat(500)));
    }
    String description = ("d".repeat(5_000) + "\n").repeat(200);
    Incident incident = new Incident("t".repeat(100_000), io.alertgate.alert.Severity.HIGH, description, "s",
        new JsonObject(), new JsonObject().put("indicators", new JsonObject().put("hosts", many)), links,
        java.util.Optional.empty());

    List<Block> blocks = IssueText.description(incident, "k".repeat(5_000));
    String adf = Adf.doc(blocks).encode();
    String wiki = WikiMarkup.of(blocks);

    assertTrue(adf.length() < 32_767, "ADF of " + adf.length());
    assertTrue(wiki.length() < 32_767, "wiki of " + wiki.length());
    Block.Bullets hosts = (Block.Bullets) blocks.stream().filter(b -> b instanceof Block.Bullets).findFirst()
        .orElseThrow();
    assertEquals(26, hosts.items().size());
    assertEquals("and 975 more", hosts.items().get(25).text());
  }

  private static void collectTexts(Object node, List<JsonObject> texts) {
    if (node instanceof JsonObject object) {
      if ("text".equals(object.getString("type"))) {
        texts.add(object);
      }
      object.forEach(field -> collectTexts(field.getValue(), texts));
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> collectTexts(item, texts));
    }
  }

  private static Incident incident(String title) {
    return Incident.of(new JsonObject().put("title", title), "elastic", new JsonObject());
  }
}
