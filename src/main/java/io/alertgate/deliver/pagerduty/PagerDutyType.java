package io.alertgate.deliver.pagerduty;

import io.alertgate.deliver.Connector;
import io.alertgate.deliver.DestinationType;
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
  public PagerDutySettings parse(JsonObject settings) {
    return PagerDutySettings.fromJson(settings);
  }

  @Override
  public Connector connect(Vertx vertx, PagerDutySettings settings, TargetGuard guard, Clock clock) {
    return new PagerDutyConnector(vertx, settings, guard, clock);
  }
}
