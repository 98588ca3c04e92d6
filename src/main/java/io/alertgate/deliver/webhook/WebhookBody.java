package io.alertgate.deliver.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertgate.alert.Timestamps;
import io.alertgate.deliver.DeliveryRequest;

import java.time.Instant;

/**
 * What a generic webhook receives, in the integrations guide's format: {@code event_type}, {@code timestamp},
 * {@code incident_id} (the key the alert's incident is known by, the same on every update), {@code incident_data}
 * (the alert document), {@code source}, and {@code custom_details} (what a receiver most often routes on).
 */
final class WebhookBody {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookBody() {
  }

  static byte[] of(DeliveryRequest request, Instant now) {
    JsonNode alert = parse(request.alert().document());
    ObjectNode body = JSON.createObjectNode()
        .put("event_type", request.eventType().wireName())
        .put("timestamp", Timestamps.format(now))
        .put("incident_id", request.idempotencyKey());
    body.set("incident_data", alert);
    body.put("source", request.alert().source());
    ObjectNode details = body.putObject("custom_details")
        .put("alert_id", request.alert().id().toString())
        .put("severity", request.alert().severity().wireName())
        .put("status", request.alert().status().wireName());
    details.set("indicators", alert.has("indicators") ? alert.get("indicators") : JSON.createObjectNode());
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static JsonNode parse(String document) {
    try {
      return JSON.readTree(document);
    } catch (JsonProcessingException e) {
      // Written by the gateway from a JSON tree, so it is JSON: anything else is a bug worth failing loudly on.
      throw new IllegalStateException("a stored alert document is not JSON", e);
    }
  }
}
