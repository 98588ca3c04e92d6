package io.alertgate.deliver.webhook;

import io.alertgate.alert.Timestamps;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.Incident;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * What a generic webhook receives, in the integrations guide's format: {@code event_type} (created, updated or
 * resolved for a routed alert; what the operator named for a sent one), {@code timestamp}, {@code incident_id} (the
 * key the incident is known by, the same on every update), {@code incident_data} (the alert document), {@code source},
 * and {@code custom_details} (what a receiver most often routes on, or the operator's {@code custom_payload}).
 */
final class WebhookBody {

  private WebhookBody() {
  }

  static Buffer of(DeliveryRequest request, Instant now) {
    Incident incident = request.incident();
    JsonObject action = request.action();
    JsonObject details = incident.details().copy();
    if (action.getValue("custom_payload") instanceof JsonObject custom) {
      details.mergeIn(custom);
    }
    return new JsonObject()
        .put("event_type", action.getString("event_type", request.eventType().wireName()))
        .put("timestamp", Timestamps.format(now))
        .put("incident_id", request.idempotencyKey())
        .put("incident_data", incident.data())
        .put("source", incident.source())
        .put("custom_details", details)
        .toBuffer();
  }

  /** What a connection check sends: a body of the same shape, saying it is a test. */
  static Buffer test(Instant now) {
    return new JsonObject()
        .put("event_type", "test")
        .put("timestamp", Timestamps.format(now))
        .put("incident_id", "alertgate-connection-test")
        .put("incident_data", new JsonObject().put("title", "Alertgate connection test"))
        .put("source", "alertgate")
        .put("custom_details", new JsonObject())
        .toBuffer();
  }
}
