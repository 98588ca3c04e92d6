package io.alertgate.deliver.jira;

import io.alertgate.deliver.Capability;
import io.alertgate.deliver.Connector;
import io.alertgate.deliver.DestinationType;
import io.alertgate.deliver.SettingField;
import io.alertgate.deliver.SettingField.Kind;
import io.alertgate.deliver.TypeDescription;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;

/** Jira Cloud, Server and Data Center: an issue for each incident, a comment for each update or resolve. */
public final class JiraType implements DestinationType<JiraSettings> {

  @Override
  public String name() {
    return "jira";
  }

  @Override
  public List<String> fields() {
    return JiraSettings.FIELDS;
  }

  @Override
  public List<String> secretFields() {
    return JiraSettings.SECRETS;
  }

  @Override
  public TypeDescription describe() {
    List<SettingField> fields = SettingField.withConnection(List.of(
        SettingField.choice("instance_type", JiraSettings.INSTANCE_TYPES, "cloud"),
        SettingField.required("base_url", Kind.URL),
        // Required on Cloud, whose API tokens work only with the account's email; left out for a bearer token.
        SettingField.optional("username", Kind.STRING),
        SettingField.required("api_token", Kind.STRING),
        SettingField.required("project_key", Kind.STRING),
        SettingField.optional("issue_type", Kind.STRING, "Task"),
        SettingField.optional("priority_mapping", Kind.OBJECT,
            SettingField.bySeverity(JiraSettings.DEFAULT_PRIORITIES)),
        // Basic with a username, bearer without one.
        SettingField.choice("auth", List.of("basic", "bearer"), null),
        SettingField.optional("labels", Kind.LIST, new JsonArray())), "verify_ssl", true);
    return new TypeDescription("ticketing", List.of(Capability.CREATE_INCIDENT, Capability.COMMENT),
        "Jira Cloud, Server or Data Center: an issue for each incident, a comment on it for each update and resolve",
        fields);
  }

  @Override
  public JiraSettings parse(JsonObject settings) {
    return JiraSettings.fromJson(settings);
  }

  /** A connection check reads {@code /myself}: the project does not matter, but the settings need one. */
  @Override
  public JsonObject checkDefaults() {
    return new JsonObject().put("project_key", "CHECK");
  }

  @Override
  public Connector connect(Vertx vertx, JiraSettings settings, TargetGuard guard, Clock clock) {
    return new JiraConnector(vertx, settings, guard, clock);
  }
}
