package io.alertgate.deliver.webhook;

import io.alertgate.deliver.Capability;
import io.alertgate.deliver.Connector;
import io.alertgate.deliver.DestinationType;
import io.alertgate.deliver.SettingField;
import io.alertgate.deliver.SettingField.Kind;
import io.alertgate.deliver.TypeDescription;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
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
  public TypeDescription describe() {
    List<SettingField> fields = SettingField.withConnection(List.of(
        SettingField.required("url", Kind.URL),
        SettingField.choice("method", WebhookSettings.METHODS.stream().map(HttpMethod::name).toList(), "POST"),
        SettingField.optional("headers", Kind.OBJECT, new JsonObject()),
        // whsec_ and base64: the gateway signs each request with it, Standard Webhooks style.
        SettingField.optional("secret", Kind.STRING)), "verify_ssl", true);
    return new TypeDescription("webhook", List.of(Capability.SEND_WEBHOOK),
        "Any receiver of the integrations guide's JSON body, signed with Standard Webhooks headers", fields);
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
