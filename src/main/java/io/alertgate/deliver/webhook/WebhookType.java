package io.alertgate.deliver.webhook;

import io.alertgate.deliver.Connector;
import io.alertgate.deliver.DestinationType;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;

/** Generic webhooks: any receiver that takes the guide's JSON body, signed with Standard Webhooks. */
public final class WebhookType implements DestinationType<WebhookSettings> {

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public List<String> fields() {
    return WebhookSettings.FIELDS;
  }

  @Override
  public List<String> secretFields() {
    return WebhookSettings.SECRETS;
  }

  @Override
  public List<String> maskedAddressFields() {
    return List.of("url");
  }

  @Override
  public WebhookSettings parse(JsonObject settings) {
    return WebhookSettings.fromJson(settings);
  }

  @Override
  public Connector connect(Vertx vertx, WebhookSettings settings, TargetGuard guard, Clock clock) {
    return new WebhookConnector(vertx, settings, guard, clock);
  }
}
