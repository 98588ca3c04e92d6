package io.alertgate.deliver.stackstorm;

import io.alertgate.deliver.Connector;
import io.alertgate.deliver.DestinationType;
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
  public StackStormSettings parse(JsonObject settings) {
    return StackStormSettings.fromJson(settings);
  }

  @Override
  public Connector connect(Vertx vertx, StackStormSettings settings, TargetGuard guard, Clock clock) {
    return new StackStormConnector(vertx, settings, guard, clock);
  }
}
