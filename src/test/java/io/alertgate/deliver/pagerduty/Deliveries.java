package io.alertgate.deliver.pagerduty;

import io.alertgate.alert.AlertStatus;
import io.alertgate.alert.EventType;
import io.alertgate.alert.Severity;
import io.alertgate.alert.StoredAlert;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.Incident;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The deliveries the PagerDuty tests send: a routed alert's, and an operator's through the integration endpoints. */
final class Deliveries {

  static final String KEY = "R0utingKey0f32LettersAndDigits9Z";
  static final UUID ALERT_ID = UUID.fromString("01a22f8a-adb4-7ae6-a196-fc5053a9fdc2");
  static final String CORRELATION_KEY = "elastic:rule-1:alert-1";
  static final UUID DELIVERY_ID = UUID.fromString("01a22f90-0000-7000-8000-000000000001");

  private Deliveries() {
  }

  /** The alert's document, as normalization writes it (trimmed to what the PagerDuty event reads). */
  static JsonObject document() {
    return new JsonObject()
        .put("id", ALERT_ID.toString())
        .put("source", "elastic")
        .put("timestamp", "2026-12-01T02:59:07.261Z")
        .put("severity", "high")
        .put("status", "open")
        .put("title", "Encoded PowerShell")
        .put("description", "powershell -enc ...")
        .put("indicators", new JsonObject().put("ips", new JsonArray()
            .add(new JsonObject().put("value", "203.0.113.9").put("role", "source"))))
        .put("enrichment", new JsonObject().put("203.0.113.9", new JsonObject().put("abuse_confidence", 97)))
        .put("links", new JsonArray()
            .add(new JsonObject().put("href", "https://kibana.example.com/app/security/alerts/1").put("text",
                "Open in Kibana")));
  }

  static DeliveryRequest alert(EventType type) {
    return alert(type, document(), CORRELATION_KEY, 1);
  }

  static DeliveryRequest alert(EventType type, JsonObject document, String idempotencyKey, int attempt) {
    StoredAlert alert = new StoredAlert(ALERT_ID, UUID.fromString("01a22f8a-ad82-754f-b280-a0968dc2eb5b"),
        "elastic", Severity.HIGH, AlertStatus.OPEN, idempotencyKey, Instant.parse("2026-12-01T02:59:07.261Z"),
        document.encode());
    return new DeliveryRequest(DELIVERY_ID, "oncall", idempotencyKey, attempt, type, Incident.of(alert),
        Optional.empty(), new JsonObject(), Instant.now().plusSeconds(60));
  }

  /** The guide's create-incident request, as the delivery stage reads it back from its delivery row. */
  static DeliveryRequest createIncident() {
    JsonObject data = new JsonObject().put("title", "Critical service failure").put("component", "payment-service")
        .put("group", "production");
    JsonObject parameters = new JsonObject().put("severity", "critical")
        .put("summary", "Payment processing service is down").put("source", "audit-service");
    return operator(EventType.CREATED, "inc-123", Incident.of(data, "audit-service", new JsonObject()
        .put("incident_id", "inc-123")), parameters);
  }

  /** The guide's resolve-incident request: only the incident's id. */
  static DeliveryRequest resolveIncident() {
    return operator(EventType.RESOLVED, "inc-123", Incident.of(new JsonObject(), "alertgate", new JsonObject()),
        new JsonObject());
  }

  private static DeliveryRequest operator(EventType type, String incidentId, Incident incident,
                                          JsonObject parameters) {
    return new DeliveryRequest(DELIVERY_ID, "oncall", incidentId, 1, type, incident, Optional.empty(), parameters,
        Instant.now().plusSeconds(60));
  }
}
