package io.alertgate.deliver.pagerduty;

import io.alertgate.deliver.Capability;
import io.alertgate.deliver.Connector;
import io.alertgate.deliver.DestinationType;
import io.alertgate.deliver.SettingField;
import io.alertgate.deliver.SettingField.Kind;
import io.alertgate.deliver.TypeDescription;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;

/** PagerDuty, through an Events API v2 integration: incidents page the on-call of the integration's service. */
public final class PagerDutyType implements DestinationType<PagerDutySettings> {

  @Override
  public String name() {
    return "pagerduty";
  }

  @Override
  public List<String> fields() {
    return PagerDutySettings.FIELDS;
  }

  @Override
  public List<String> secretFields() {
    return PagerDutySettings.SECRETS;
  }

  @Override
  public TypeDescription describe() {
    List<SettingField> fields = SettingField.withConnection(List.of(
        SettingField.required("integration_key", Kind.STRING),
        SettingField.optional("service_id", Kind.STRING),
        SettingField.optional("escalation_policy_id", Kind.STRING),
        SettingField.optional("severity_mapping", Kind.OBJECT,
            SettingField.bySeverity(PagerDutySettings.DEFAULT_SEVERITIES)),
        SettingField.optional("base_url", Kind.URL, PagerDutySettings.DEFAULT_BASE_URL)), "verify_ssl", true);
    return new TypeDescription("paging", List.of(Capability.CREATE_INCIDENT, Capability.RESOLVE_INCIDENT),
        "PagerDuty Events API v2: each incident triggers an alert on the integration's service, and resolves it when"
            + " the source closes the alert", fields);
  }

  @Override
  public PagerDutySettings parse(JsonObject settings) {
    return PagerDutySettings.fromJson(settings);
  }

  @Override
  public Connector connect(Vertx vertx, PagerDutySettings settings, TargetGuard guard, Clock clock) {
    return new PagerDutyConnector(vertx, settings, guard, clock);
  }
}
