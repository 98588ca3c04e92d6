package io.alertgate.deliver.stackstorm;

import io.alertgate.deliver.DestinationTypes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StackStorm settings as the integrations guide names them, and hostile ones refused without echoing a secret. */
class StackStormSettingsTest {

  private static final String KEY = "ZjA0ZTJmNzI4ZGFiNDU1ZGE3ZGRmOGVlNGY1MTAxYjk";

  @Test
  @DisplayName("The guide's fields, with defaults: timeout 30 s, certificates verified, trigger alertgate.alert")
  void guideFields() {
    StackStormSettings settings = StackStormSettings.fromJson(new JsonObject()
        .put("base_url", "https://stackstorm.example.com").put("api_key", KEY));
    assertEquals("https://stackstorm.example.com/", settings.baseUrl().shown());
    assertEquals(KEY, settings.apiKey());
    assertEquals(Duration.ofSeconds(30), settings.timeout());
    assertEquals(OptionalInt.empty(), settings.retryCount());
    assertTrue(settings.tls().verify());
    assertEquals(Optional.empty(), settings.action());
    assertEquals("alertgate.alert", settings.trigger().toString());

    StackStormSettings given = StackStormSettings.fromJson(new JsonObject()
        .put("base_url", "https://stackstorm.example.com").put("api_key", KEY).put("timeout", 12)
        .put("retry_count", 3).put("ignore_ssl", true).put("action", "incident_response.create_incident")
        .put("parameters", new JsonObject().put("summary", "{{ title }}")));
    assertEquals(Duration.ofSeconds(12), given.timeout());
    assertEquals(OptionalInt.of(3), given.retryCount());
    assertFalse(given.tls().verify(), "ignore_ssl true switches verification off");
    assertEquals("incident_response.create_incident", given.action().orElseThrow().toString());
    assertEquals(new JsonObject().put("summary", "{{ title }}"), given.parameters().orElseThrow());
  }

  @Test
  @DisplayName("The type is registered under its name, with api_key its one secret")
  void registered() {
    var type = DestinationTypes.named("stackstorm").orElseThrow();
    assertEquals(List.of("api_key"), type.secretFields());
    assertEquals(StackStormSettings.FIELDS, type.fields());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "base_url | https://st2.example.com | /api/v1/executions",
      "base_url | https://st2.example.com/ | /api/v1/executions",
      "base_url | https://st2.example.com/api | /v1/executions",
      "base_url | https://st2.example.com/api/ | /v1/executions",
      "base_url | https://tools.example.com/st2 | /api/v1/executions"})
  @DisplayName("base_url may be StackStorm's address or its /api address")
  void apiUnderBaseUrl(String field, String url, String path) {
    StackStormSettings settings = StackStormSettings.fromJson(valid().put(field, url));
    assertEquals(path, settings.apiPath("/api/v1/executions"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "base_url | ftp://st2.example.com | base_url must be an absolute http or https address with a host",
      "base_url | https://admin:pw@st2.example.com | base_url must not carry credentials",
      "api_key | '' | api_key must be non-empty text of at most 4096 characters without control characters",
      "api_key | 'key with spaces' | api_key must be printable ASCII without spaces",
      "api_key | clé-secrète | api_key must be printable ASCII without spaces",
      "action | incident_response | action must be pack.name: a pack and a name of letters, digits, _ and -, joined "
          + "by one dot",
      "action | a.b.c | action must be pack.name: a pack and a name of letters, digits, _ and -, joined by one dot",
      "action | ../etc.passwd | action must be pack.name: a pack and a name of letters, digits, _ and -, joined by "
          + "one dot",
      "action | pack.act ion | action must be pack.name: a pack and a name of letters, digits, _ and -, joined by "
          + "one dot",
      "action | pack.actión | action must be pack.name: a pack and a name of letters, digits, _ and -, joined by "
          + "one dot",
      "trigger | core.st2/../x | trigger must be pack.name: a pack and a name of letters, digits, _ and -, joined by "
          + "one dot"})
  @DisplayName("A wrong value is refused with a message that names the field")
  void wrongValues(String field, String value, String message) {
    JsonObject json = valid().put(field, value);
    if (field.equals("trigger")) {
      json.remove("action");
      json.remove("parameters");
    }
    assertEquals(message, refusal(json));
  }

  @Test
  @DisplayName("Wrong types are refused by the field's name")
  void wrongTypes() {
    assertEquals("api_key must be non-empty text of at most 4096 characters without control characters",
        refusal(valid().put("api_key", 12345)));
    assertEquals("ignore_ssl must be true or false", refusal(valid().put("ignore_ssl", "yes")));
    assertEquals("timeout must be a whole number of seconds from 1 to 300", refusal(valid().put("timeout", "30")));
    assertEquals("retry_count must be a whole number from 0 to 1000", refusal(valid().put("retry_count", -1)));
    assertEquals("parameters must be an object", refusal(valid().put("parameters", new JsonArray().add(1))));
    assertTrue(refusal(valid().put("action", new JsonObject())).startsWith("action must be pack.name"));
    assertEquals("ca_pem must be PEM text with at least one certificate", refusal(valid().put("ca_pem", "x")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"base_url", "api_key"})
  @DisplayName("A missing required field is refused by its name")
  void missingFields(String field) {
    JsonObject json = valid();
    json.remove(field);
    assertTrue(refusal(json).startsWith(field + " "), refusal(json));
  }

  @Test
  @DisplayName("A field StackStorm settings do not have is refused by name, listing those it has")
  void unknownFields() {
    assertEquals("'apikey' is not a stackstorm field (action, api_key, base_url, ca_pem, ignore_ssl, parameters, "
        + "retry_count, timeout, trigger)", refusal(valid().put("apikey", KEY)));
    assertEquals("'verify_ssl' is not a stackstorm field (action, api_key, base_url, ca_pem, ignore_ssl, parameters, "
        + "retry_count, timeout, trigger)", refusal(valid().put("verify_ssl", true)));
    String hostile = refusal(valid().put("x\u0000\u001b[31m" + "y".repeat(10_000), 1));
    assertTrue(hostile.length() < 300, "a hostile name is cut short");
    assertFalse(hostile.contains("\u0000"));
  }

  @Test
  @DisplayName("Parameters need an action, and action and trigger exclude each other")
  void routeChoice() {
    JsonObject parametersAlone = valid();
    parametersAlone.remove("action");
    assertEquals("parameters need an action: a trigger's payload is always the incident",
        refusal(parametersAlone.put("parameters", new JsonObject())));
    assertEquals("action and trigger exclude each other: give the one routed alerts start",
        refusal(valid().put("trigger", "alertgate.alert")));
    JsonObject trigger = valid().put("trigger", "soc.new_alert");
    trigger.remove("action");
    trigger.remove("parameters");
    assertEquals("soc.new_alert", StackStormSettings.fromJson(trigger).trigger().toString());
  }

  @Test
  @DisplayName("Parameter templates too deep or with too many placeholders are refused when saved")
  void templatesCheckedWhenSaved() {
    JsonObject deep = new JsonObject();
    JsonObject inner = deep;
    for (int i = 0; i < 30; i++) {
      inner.put("n", new JsonObject());
      inner = inner.getJsonObject("n");
    }
    assertEquals("parameters nests deeper than 16 levels", refusal(valid().put("parameters", deep)));
    assertEquals("parameters holds more than 100 placeholders",
        refusal(valid().put("parameters", new JsonObject().put("x", "{{ title }}".repeat(101)))));
  }

  @Test
  @DisplayName("No refusal and no toString shows the API key, even a huge or unicode one")
  void keyNeverShown() {
    for (String key : List.of(KEY + "\n", KEY + "\t", KEY.repeat(200), KEY + "é", "\u202e" + KEY)) {
      String message = refusal(valid().put("api_key", key));
      assertFalse(message.contains(KEY), message);
    }
    String shown = StackStormSettings.fromJson(valid()).toString();
    assertFalse(shown.contains(KEY), shown);
    assertEquals("StackStormSettings[https://st2.example.com/, api_key set, timeout 30s, ignore_ssl false, action "
        + "incident_response.create_incident]", shown);
  }

  private static JsonObject valid() {
    return new JsonObject()
        .put("base_url", "https://st2.example.com")
        .put("api_key", KEY)
        .put("action", "incident_response.create_incident")
        .put("parameters", new JsonObject().put("summary", "{{ title }}"));
  }

  private static String refusal(JsonObject json) {
    return assertThrows(IllegalArgumentException.class, () -> StackStormSettings.fromJson(json)).getMessage();
  }
}
