package io.alertgate.deliver.stackstorm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parameter renderer: placeholders into the incident's model, and nothing more. */
class ParameterTemplatesTest {

  private static final JsonObject ALERT = new JsonObject()
      .put("title", "Encoded PowerShell")
      .put("risk_score", 73)
      .put("confidence", 0.5)
      .put("blocked", false)
      .put("host", new JsonObject().put("name", "ws-17").put("ip", "10.0.0.7"))
      .put("tags", new JsonArray().add("t1059").add("execution"))
      .put("nom d'hôte", "poste-éçà")
      .put("名前", "警告 🚨")
      .put("empty", (Object) null);
  private static final JsonObject MODEL = new JsonObject()
      .put("event_type", "created")
      .put("incident_id", "elastic:rule-1:alert-1")
      .put("delivery_id", "01a22f90-0000-7000-8000-000000000001")
      .put("title", "Encoded PowerShell")
      .put("severity", "high")
      .put("source", "elastic")
      .put("alert", ALERT)
      .put("details", new JsonObject().put("indicators", new JsonObject().put("ips", new JsonArray()
          .add(new JsonObject().put("value", "203.0.113.9")))));

  @Test
  @DisplayName("A string that is one placeholder takes the value with its JSON type")
  void exactPlaceholdersKeepTheirType() {
    JsonObject rendered = render(new JsonObject()
        .put("alert", "{{ alert }}")
        .put("host", "{{alert.host}}")
        .put("tags", "{{ alert.tags }}")
        .put("score", "{{ alert.risk_score }}")
        .put("confidence", "{{\talert.confidence\t}}")
        .put("blocked", "{{ alert.blocked }}")
        .put("id", "{{ incident_id }}")
        .put("ip", "{{ details.indicators.ips.0.value }}"));

    assertEquals(ALERT, rendered.getJsonObject("alert"));
    assertEquals(new JsonObject().put("name", "ws-17").put("ip", "10.0.0.7"), rendered.getJsonObject("host"));
    assertEquals(new JsonArray().add("t1059").add("execution"), rendered.getJsonArray("tags"));
    assertEquals(73, rendered.getValue("score"));
    assertEquals(0.5, rendered.getValue("confidence"));
    assertEquals(false, rendered.getValue("blocked"));
    assertEquals("elastic:rule-1:alert-1", rendered.getValue("id"));
    assertEquals("203.0.113.9", rendered.getValue("ip"));
  }

  @Test
  @DisplayName("Placeholders in text are replaced by their values' text, JSON for an object or a list")
  void interpolatesText() {
    JsonObject rendered = render(new JsonObject()
        .put("summary", "[{{ severity }}] {{ title }} on {{ alert.host.name }} (score {{alert.risk_score}})")
        .put("tags", "tags: {{ alert.tags }}")
        .put("flags", "{{ alert.blocked }}/{{ alert.confidence }}")
        .put("host", "host={{ alert.host }}"));

    assertEquals("[high] Encoded PowerShell on ws-17 (score 73)", rendered.getString("summary"));
    assertEquals("tags: [\"t1059\",\"execution\"]", rendered.getString("tags"));
    assertEquals("false/0.5", rendered.getString("flags"));
    assertEquals("host={\"name\":\"ws-17\",\"ip\":\"10.0.0.7\"}", rendered.getString("host"));
  }

  @Test
  @DisplayName("A path that leads nowhere is null on its own and nothing in text")
  void missingPaths() {
    JsonObject rendered = render(new JsonObject()
        .put("absent", "{{ alert.nope }}")
        .put("through_a_string", "{{ alert.title.length }}")
        .put("past_a_list", "{{ alert.tags.2 }}")
        .put("not_an_index", "{{ alert.tags.first }}")
        .put("negative", "{{ alert.tags.-1 }}")
        .put("null_value", "{{ alert.empty }}")
        .put("text", "<{{ alert.nope }}|{{ alert.empty }}|{{ alert.tags.9 }}>"));

    for (String name : Set.of("absent", "through_a_string", "past_a_list", "not_an_index", "negative",
        "null_value")) {
      assertTrue(rendered.containsKey(name), name);
      assertNull(rendered.getValue(name), name);
    }
    assertEquals("<||>", rendered.getString("text"));
  }

  @Test
  @DisplayName("Unicode in names, values and the text around placeholders comes through unchanged")
  void unicode() {
    JsonObject rendered = render(new JsonObject()
        .put("hôte", "{{ alert.nom d'hôte }}")
        .put("nom", "{{ alert.名前 }}")
        .put("texte", "⚠ {{ alert.名前 }} sur {{ alert.host.name }} — ok"));

    assertEquals("{{ alert.nom d'hôte }}", rendered.getString("hôte"), "a name with a space is no path");
    assertEquals("警告 🚨", rendered.getString("nom"));
    assertEquals("⚠ 警告 🚨 sur ws-17 — ok", rendered.getString("texte"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{ alert }", "{{ }}", "{{alert", "alert}}", "}} {{", "{{ a b }}", "{{ alert..title }}",
      "{{ .alert }}", "{{ alert. }}", "{{ alert | upper }}", "{% if alert %}x{% endif %}", "{{{{}}}}", "{}", "",
      "{{ st2kv.system.token }}", "{{ config_context.channel }}", "{{ action_context.user }}"})
  @DisplayName("Braces that are no placeholder of ours stay as written: StackStorm's own Jinja still works")
  void leavesOtherBracesAlone(String text) {
    assertEquals(text, render(new JsonObject().put("value", text)).getString("value"));
  }

  @Test
  @DisplayName("Stray braces around a placeholder stay, the placeholder is still filled")
  void bracesAroundAPlaceholder() {
    JsonObject rendered = render(new JsonObject()
        .put("triple", "{{{ severity }}}")
        .put("json", "{\"sev\": \"{{ severity }}\", \"kv\": \"{{ st2kv.system.x }}\"}"));
    assertEquals("{high}", rendered.getString("triple"));
    assertEquals("{\"sev\": \"high\", \"kv\": \"{{ st2kv.system.x }}\"}", rendered.getString("json"));
  }

  @Test
  @DisplayName("Objects and lists are rendered value by value; names and other values are kept as they are")
  void nested() {
    JsonObject template = new JsonObject()
        .put("{{ title }}", "name is not rendered")
        .put("ticket", new JsonObject()
            .put("fields", new JsonObject().put("summary", "{{ title }}").put("labels", new JsonArray()
                .add("alertgate").add("{{ severity }}").add(new JsonArray().add("{{ alert.host }}")))))
        .put("count", 3)
        .put("ratio", 1.25)
        .put("on", true)
        .put("none", (Object) null);
    JsonObject rendered = render(template);

    assertEquals("name is not rendered", rendered.getString("{{ title }}"));
    JsonObject fields = rendered.getJsonObject("ticket").getJsonObject("fields");
    assertEquals("Encoded PowerShell", fields.getString("summary"));
    assertEquals(new JsonArray().add("alertgate").add("high").add(new JsonArray().add(ALERT.getJsonObject("host"))),
        fields.getJsonArray("labels"));
    assertEquals(3, rendered.getValue("count"));
    assertEquals(1.25, rendered.getValue("ratio"));
    assertEquals(true, rendered.getValue("on"));
    assertTrue(rendered.containsKey("none"));
    assertEquals("{{ title }}", template.getJsonObject("ticket").getJsonObject("fields").getString("summary"),
        "the template itself is left as it was");
  }

  @Test
  @DisplayName("A template's value copied from the incident is not itself rendered again")
  void noSecondPass() {
    JsonObject model = MODEL.copy().put("title", "{{ delivery_id }}");
    JsonObject rendered = ParameterTemplates.render("parameters", new JsonObject().put("a", "{{ title }}")
        .put("b", "x {{ title }}"), model);
    assertEquals("{{ delivery_id }}", rendered.getString("a"));
    assertEquals("x {{ delivery_id }}", rendered.getString("b"));
  }

  @Test
  @DisplayName("Nesting is bounded: sixteen levels pass, seventeen are refused by the field's name")
  void depthBounded() {
    assertEquals("deep", leaf(render(nested(16)), 16));
    IllegalArgumentException deep = assertThrows(IllegalArgumentException.class,
        () -> ParameterTemplates.render("action_parameters", nested(17), MODEL));
    assertEquals("action_parameters nests deeper than 16 levels", deep.getMessage());
    JsonArray lists = new JsonArray();
    JsonArray inner = lists;
    for (int i = 0; i < 40; i++) {
      JsonArray next = new JsonArray();
      inner.add(next);
      inner = next;
    }
    JsonObject listTemplate = new JsonObject().put("x", lists);
    assertThrows(IllegalArgumentException.class, () -> ParameterTemplates.check("parameters", listTemplate,
        MODEL.fieldNames()));
  }

  @Test
  @DisplayName("A template may hold a hundred placeholders of ours; others (StackStorm's) are not counted")
  void placeholdersBounded() {
    JsonObject hundred = new JsonObject().put("text", "{{ alert }}".repeat(100))
        .put("theirs", "{{ st2kv.system.a }}".repeat(500));
    assertEquals(100 * ALERT.encode().length(), render(hundred).getString("text").length());
    JsonArray many = new JsonArray();
    for (int i = 0; i < 101; i++) {
      many.add("{{ alert }}");
    }
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> ParameterTemplates.render("parameters", new JsonObject().put("list", many), MODEL));
    assertEquals("parameters holds more than 100 placeholders", refused.getMessage());
  }

  @Test
  @DisplayName("A refusal never quotes a parameter's value, which may be a credential")
  void refusalsQuoteNoValue() {
    JsonObject template = nested(20).put("password", "hunter2-{{ title }}");
    String message = assertThrows(IllegalArgumentException.class,
        () -> ParameterTemplates.render("parameters", template, MODEL)).getMessage();
    assertFalse(message.contains("hunter2"), message);
  }

  @Test
  @DisplayName("An exact placeholder hands over the model's own value, unchanged")
  void exactValueIsTheModels() {
    assertSame(MODEL.getValue("alert"), render(new JsonObject().put("a", "{{ alert }}")).getValue("a"));
  }

  private static JsonObject render(JsonObject template) {
    return ParameterTemplates.render("parameters", template, MODEL);
  }

  /** Objects nested {@code levels} deep, the template itself the first, the innermost holding "{{ ... }}". */
  private static JsonObject nested(int levels) {
    JsonObject root = new JsonObject();
    JsonObject inner = root;
    for (int i = 1; i < levels; i++) {
      JsonObject next = new JsonObject();
      inner.put("n", next);
      inner = next;
    }
    inner.put("v", "{{ alert.nope }}deep");
    return root;
  }

  private static String leaf(JsonObject rendered, int levels) {
    JsonObject inner = rendered;
    for (int i = 1; i < levels; i++) {
      inner = inner.getJsonObject("n");
    }
    return inner.getString("v");
  }
}
