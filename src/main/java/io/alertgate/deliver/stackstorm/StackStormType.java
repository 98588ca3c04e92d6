package io.alertgate.deliver.stackstorm;

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

/** StackStorm: routed alerts start an action or fire a trigger; integration requests run the action they name. */
public final class StackStormType implements DestinationType<StackStormSettings> {

  @Override
  public String name() {
    return "stackstorm";
  }

  @Override
  public List<String> fields() {
    return StackStormSettings.FIELDS;
  }

  @Override
  public List<String> secretFields() {
    return StackStormSettings.SECRETS;
  }

  @Override
  public TypeDescription describe() {
    List<SettingField> fields = SettingField.withConnection(List.of(
        SettingField.required("base_url", Kind.URL),
        SettingField.required("api_key", Kind.STRING),
        // pack.action; without one, each incident fires the trigger instead.
        SettingField.optional("action", Kind.STRING),
        SettingField.optional("parameters", Kind.OBJECT),
        SettingField.optional("trigger", Kind.STRING, StackStormSettings.DEFAULT_TRIGGER.toString())),
        "ignore_ssl", false);
    return new TypeDescription("automation", List.of(Capability.EXECUTE_ACTION),
        "StackStorm: each incident runs an action with templated parameters, or fires a trigger through the st2"
            + " webhook", fields);
  }

  @Override
  public StackStormSettings parse(JsonObject settings) {
    return StackStormSettings.fromJson(settings);
  }

  @Override
  public Connector connect(Vertx vertx, StackStormSettings settings, TargetGuard guard, Clock clock) {
    return new StackStormConnector(vertx, settings, guard, clock);
  }
}
