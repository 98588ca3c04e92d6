package io.alertgate.deliver.pagerduty;

import io.alertgate.alert.Severity;
import io.alertgate.deliver.ConnectorSettings;
import io.alertgate.deliver.SettingsReader;
import io.alertgate.deliver.http.Endpoint;
import io.alertgate.deliver.http.Tls;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A PagerDuty destination, with the field names of the integrations guide: the {@code integration_key} of an Events
 * API v2 integration (the routing key, secret), {@code service_id}, {@code escalation_policy_id} and
 * {@code severity_mapping}; besides them {@code base_url} (PagerDuty's own address unless given), {@code timeout}
 * (seconds), {@code retry_count}, {@code verify_ssl} and {@code ca_pem}.
 *
 * <p>The service and the escalation policy are kept as configured but never sent: the Events API takes neither, since
 * the integration key already names the service, and the service its escalation policy.
 *
 * @param severities the PagerDuty severity of each gateway severity, every one present
 */
public record PagerDutySettings(String integrationKey, Optional<String> serviceId,
                                Optional<String> escalationPolicyId, Map<Severity, String> severities,
                                Endpoint baseUrl, Duration timeout, OptionalInt retryCount, Tls tls)
    implements ConnectorSettings {

  static final String DEFAULT_BASE_URL = "https://events.pagerduty.com";
  static final List<String> FIELDS = List.of("integration_key", "service_id", "escalation_policy_id",
      "severity_mapping", "base_url", "timeout", "retry_count", "verify_ssl", "ca_pem");
  static final List<String> SECRETS = List.of("integration_key");
  static final Map<Severity, String> DEFAULT_SEVERITIES = Map.of(Severity.CRITICAL, "critical", Severity.HIGH, "error",
      Severity.MEDIUM, "warning", Severity.LOW, "info", Severity.INFO, "info");

  /** The severities the Events API takes, as its payload's enum lists them. */
  static final List<String> PAGERDUTY_SEVERITIES = List.of("critical", "error", "warning", "info");

  // An integration key is a 32-character routing key; PagerDuty's own examples use letters beyond hex.
  private static final String INTEGRATION_KEY = "[A-Za-z0-9]{32}";
  // PagerDuty's object ids are short words of capitals and digits (PXXXXXX); lower case is let through.
  private static final String PAGERDUTY_ID = "[A-Za-z0-9]{1,64}";

  public PagerDutySettings {
    severities = Map.copyOf(severities);
  }

  public static PagerDutySettings fromJson(JsonObject json) {
    SettingsReader settings = SettingsReader.of(json, "pagerduty", FIELDS);
    String key = settings.text("integration_key");
    if (!key.matches(INTEGRATION_KEY)) {
      throw new IllegalArgumentException("integration_key must be the 32 letters and digits of an Events API v2"
          + " integration key");
    }
    return new PagerDutySettings(key, id(settings, "service_id"), id(settings, "escalation_policy_id"),
        severities(settings.textMap("severity_mapping", Set.copyOf(Severity.wireNames()))),
        settings.endpoint("base_url", DEFAULT_BASE_URL), settings.timeout(), settings.retryCount(),
        settings.tls("verify_ssl", false));
  }

  private static Optional<String> id(SettingsReader settings, String field) {
    Optional<String> id = settings.optionalText(field);
    if (id.isPresent() && !id.get().matches(PAGERDUTY_ID)) {
      throw new IllegalArgumentException(field + " must be a PagerDuty id: letters and digits, such as PABC123");
    }
    return id;
  }

  /** The guide's mapping, each severity the configuration names replacing its default. */
  private static Map<Severity, String> severities(Map<String, String> configured) {
    Map<Severity, String> severities = new EnumMap<>(DEFAULT_SEVERITIES);
    configured.forEach((name, value) -> {
      String word = value.trim().toLowerCase(Locale.ROOT);
      if (!PAGERDUTY_SEVERITIES.contains(word)) {
        throw new IllegalArgumentException("severity_mapping: the value of " + name + " must be one of "
            + String.join(", ", PAGERDUTY_SEVERITIES));
      }
      severities.put(Severity.ofWireName(name), word);
    });
    return severities;
  }

  /** What PagerDuty is told a gateway severity is. */
  String severity(Severity severity) {
    return severities.get(severity);
  }

  @Override
  public String toString() {
    return "PagerDutySettings[" + baseUrl.shown() + ", integration_key set, service_id " + serviceId.orElse("none")
        + ", escalation_policy_id " + escalationPolicyId.orElse("none") + ", severity_mapping "
        + new EnumMap<>(severities) + ", timeout " + timeout.toSeconds() + "s, verify_ssl " + tls.verify() + "]";
  }
}
