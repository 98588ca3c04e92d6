package io.alertgate.deliver.pagerduty;

import io.alertgate.alert.Severity;
import io.alertgate.deliver.DestinationTypes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static io.alertgate.deliver.pagerduty.Deliveries.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** PagerDuty destinations' settings: the guide's fields, their defaults, and hostile values refused by name. */
class PagerDutySettingsTest {

  @Test
  @DisplayName("The guide's configuration reads as written; what it leaves out has PagerDuty's defaults")
  void readsTheGuidesConfiguration() {
    PagerDutySettings settings = PagerDutySettings.fromJson(new JsonObject()
        .put("integration_key", KEY)
        .put("service_id", "PXXXXXXXX")
        .put("escalation_policy_id", "PYYYYYY")
        .put("severity_mapping", new JsonObject().put("critical", "critical").put("high", "error")
            .put("medium", "warning").put("low", "info")));

    assertEquals(KEY, settings.integrationKey());
    assertEquals(Optional.of("PXXXXXXXX"), settings.serviceId());
    assertEquals(Optional.of("PYYYYYY"), settings.escalationPolicyId());
    assertEquals("https://events.pagerduty.com/", settings.baseUrl().shown());
    assertEquals(Duration.ofSeconds(30), settings.timeout());
    assertEquals(OptionalInt.empty(), settings.retryCount());
    assertTrue(settings.tls().verify());
    assertEquals("info", settings.severity(Severity.INFO));
  }

  @Test
  @DisplayName("The other fields: base_url, timeout, retry_count, verify_ssl")
  void readsTheRest() {
    PagerDutySettings settings = PagerDutySettings.fromJson(new JsonObject().put("integration_key", " " + KEY + " ")
        .put("base_url", "https://events.eu.pagerduty.com").put("timeout", 10).put("retry_count", 3)
        .put("verify_ssl", false));
    assertEquals(KEY, settings.integrationKey());
    assertEquals("events.eu.pagerduty.com", settings.baseUrl().host());
    assertEquals(Duration.ofSeconds(10), settings.timeout());
    assertEquals(OptionalInt.of(3), settings.retryCount());
    assertFalse(settings.tls().verify());
  }

  @Test
  @DisplayName("The type is registered under its name, with the integration key its one secret")
  void registered() {
    var type = DestinationTypes.named("pagerduty").orElseThrow();
    assertEquals(List.of("integration_key"), type.secretFields());
    assertTrue(type.fields().containsAll(List.of("integration_key", "service_id", "escalation_policy_id",
        "severity_mapping", "base_url", "timeout", "retry_count", "verify_ssl", "ca_pem")));
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> hostile() {
    return Stream.of(
        arguments(new JsonObject(), "integration_key is required"),
        arguments(new JsonObject().put("integration_key", 12345), "integration_key must be non-empty text"),
        arguments(new JsonObject().put("integration_key", "   "), "integration_key must be non-empty text"),
        arguments(new JsonObject().put("integration_key", KEY.substring(1)), "integration_key must be the 32"),
        arguments(new JsonObject().put("integration_key", KEY + "0"), "integration_key must be the 32"),
        arguments(new JsonObject().put("integration_key", KEY.substring(2) + "ü!"), "integration_key must be the 32"),
        arguments(new JsonObject().put("integration_key", KEY + "\r\nX-Evil: 1"),
            "integration_key must be non-empty text"),
        arguments(new JsonObject().put("integration_key", "k".repeat(100_000)),
            "integration_key must be non-empty text"),
        arguments(key().put("routing_key", KEY), "'routing_key' is not a pagerduty field (base_url, ca_pem,"
            + " escalation_policy_id, integration_key, retry_count, service_id, severity_mapping, timeout,"
            + " verify_ssl)"),
        arguments(key().put("integration-key\u0007" + "x".repeat(500), 1), "'integration-key?xxxxxxxxxx"),
        arguments(key().put("service_id", List.of("P1")), "service_id must be non-empty text"),
        arguments(key().put("service_id", "P 1; DROP"), "service_id must be a PagerDuty id"),
        arguments(key().put("escalation_policy_id", "Pé"), "escalation_policy_id must be a PagerDuty id"),
        arguments(key().put("severity_mapping", "critical"), "severity_mapping must be an object"),
        arguments(key().put("severity_mapping", new JsonArray()), "severity_mapping must be an object"),
        arguments(key().put("severity_mapping", new JsonObject().put("urgent", "critical")),
            "severity_mapping: 'urgent' is not one of critical, high, info, low, medium"),
        arguments(key().put("severity_mapping", new JsonObject().put("high", "high")),
            "severity_mapping: the value of high must be one of critical, error, warning, info"),
        arguments(key().put("severity_mapping", new JsonObject().put("low", 1)),
            "severity_mapping: the value of low must be text"),
        arguments(key().put("base_url", "ftp://events.pagerduty.com"), "base_url must be an absolute http"),
        arguments(key().put("base_url", "https://user:" + KEY + "@events.pagerduty.com"),
            "base_url must not carry credentials"),
        arguments(key().put("timeout", "30"), "timeout must be a whole number"),
        arguments(key().put("timeout", 0), "timeout must be a whole number"),
        arguments(key().put("retry_count", -1), "retry_count must be a whole number"),
        arguments(key().put("verify_ssl", "yes"), "verify_ssl must be true or false"),
        arguments(key().put("ca_pem", "not pem"), "ca_pem must be PEM text"));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  @DisplayName("A wrong, unknown or missing field is refused with a message that names it and echoes no secret")
  void refusesHostileSettings(JsonObject settings, String message) {
    String refused = assertThrows(IllegalArgumentException.class, () -> PagerDutySettings.fromJson(settings))
        .getMessage();
    assertTrue(refused.startsWith(message), refused);
    assertFalse(refused.contains(KEY.substring(0, 8)), refused);
    assertTrue(refused.length() < 300, refused);
  }

  @Test
  @DisplayName("The settings never print the integration key")
  void noKeyInToString() {
    PagerDutySettings settings = PagerDutySettings.fromJson(key().put("service_id", "PXXXXXXXX"));
    assertFalse(settings.toString().contains(KEY), settings.toString());
    assertTrue(settings.toString().contains("integration_key set"), settings.toString());
    assertTrue(settings.toString().contains("HIGH=error"), settings.toString());
  }

  private static JsonObject key() {
    return new JsonObject().put("integration_key", KEY);
  }
}
