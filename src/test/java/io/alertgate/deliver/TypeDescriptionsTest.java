package io.alertgate.deliver;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the integration registry tells an operator about each type is what its settings really take: every field and
 * no other, the required ones required, and each default the value the type assumes when the field is left out.
 */
class TypeDescriptionsTest {

  /** The least each type takes: exactly its required fields (and Jira Cloud's username). */
  private static final Map<String, JsonObject> LEAST = Map.of(
      "jira", new JsonObject().put("base_url", "https://example.atlassian.net").put("username", "soc@example.com")
          .put("api_token", "jira-token").put("project_key", "SOC"),
      "pagerduty", new JsonObject().put("integration_key", "R0UT1NGKEY0123456789abcdefABCDEF"),
      "stackstorm", new JsonObject().put("base_url", "https://st2.example.com").put("api_key", "st2-key"),
      "webhook", new JsonObject().put("url", "https://hooks.example.com/alertgate"));

  @ParameterizedTest
  @ValueSource(strings = {"jira", "pagerduty", "stackstorm", "webhook"})
  @DisplayName("Each type describes every field it takes, once, and no other")
  void everyField(String name) {
    DestinationType<?> type = DestinationTypes.named(name).orElseThrow();
    List<String> described = type.describe().fields().stream().map(SettingField::name).toList();
    assertEquals(Set.copyOf(type.fields()), Set.copyOf(described));
    assertEquals(described.size(), Set.copyOf(described).size(), "no field twice");
    assertFalse(type.describe().capabilities().isEmpty());
    assertFalse(type.describe().summary().isBlank());
  }

  @ParameterizedTest
  @ValueSource(strings = {"jira", "pagerduty", "stackstorm", "webhook"})
  @DisplayName("The required fields are enough, and each of them is needed")
  void requiredFields(String name) {
    DestinationType<?> type = DestinationTypes.named(name).orElseThrow();
    JsonObject least = LEAST.get(name);
    type.parse(least);
    Set<String> required = type.describe().fields().stream().filter(SettingField::required).map(SettingField::name)
        .collect(Collectors.toSet());
    Set<String> expected = new HashSet<>(required);
    if (name.equals("jira")) {
      // Optional on Server and with a bearer token; Cloud, the default, needs it.
      expected.add("username");
    }
    assertEquals(expected, Set.copyOf(least.fieldNames()));
    for (String field : required) {
      JsonObject without = least.copy();
      without.remove(field);
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> type.parse(without));
      assertTrue(refused.getMessage().contains(field), refused.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jira", "pagerduty", "stackstorm", "webhook"})
  @DisplayName("Each default, given, changes nothing: it is what the type assumes")
  void defaultsAreAssumed(String name) {
    DestinationType<?> type = DestinationTypes.named(name).orElseThrow();
    ConnectorSettings assumed = type.parse(LEAST.get(name));
    for (SettingField field : type.describe().fields()) {
      if (field.byDefault() != null) {
        JsonObject given = LEAST.get(name).copy().put(field.name(), field.byDefault());
        assertEquals(assumed, type.parse(given), field.name());
      }
      if (!field.choices().isEmpty()) {
        field.choices().forEach(choice -> type.parse(LEAST.get(name).copy().put(field.name(), choice)));
      }
    }
  }
}
