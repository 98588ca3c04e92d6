package io.alertgate.deliver.jira;

import io.alertgate.deliver.Connector;
import io.alertgate.deliver.DestinationType;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Vertx;
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
