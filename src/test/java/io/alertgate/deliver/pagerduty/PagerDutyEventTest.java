package io.alertgate.deliver.pagerduty;

import io.alertgate.alert.EventType;
import io.alertgate.alert.Severity;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.Incident;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Optional;

import static io.alertgate.deliver.pagerduty.Deliveries.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The events written for PagerDuty: their fields from the incident, their limits, and PagerDuty's schema. */
class PagerDutyEventTest {

  private static final PagerDutySettings DEFAULTS = PagerDutySettings.fromJson(new JsonObject()
      .put("integration_key", KEY));

  @ParameterizedTest
  @CsvSource({"critical, critical", "high, error", "medium, warning", "low, info", "info, info"})
  @DisplayName("Each gateway severity is sent as the guide's PagerDuty severity unless configured otherwise")
  void defaultSeverities(String gateway, String pagerDuty) {
    JsonObject document = Deliveries.document().put("severity", gateway);
    DeliveryRequest request = withSeverity(Severity.ofWireName(gateway), document);
    assertEquals(pagerDuty, payload(request, DEFAULTS).getString("severity"));
  }

  @Test
  @DisplayName("A partial severity_mapping replaces only the severities it names")
  void partialMapping() {
    PagerDutySettings settings = PagerDutySettings.fromJson(new JsonObject().put("integration_key", KEY)
        .put("severity_mapping", new JsonObject().put("high", "Critical").put("info", "warning")));
    assertEquals("critical", payload(withSeverity(Severity.HIGH, Deliveries.document()), settings)
        .getString("severity"));
    assertEquals("warning", payload(withSeverity(Severity.INFO, Deliveries.document()), settings)
        .getString("severity"));
    assertEquals("warning", payload(withSeverity(Severity.MEDIUM, Deliveries.document()), settings)
        .getString("severity"));
    assertEquals("critical", settings.severity(Severity.CRITICAL));
    assertEquals("info", settings.severity(Severity.LOW));
  }

  @Test
  @DisplayName("An operator's severity goes through the mapping; a word the gateway does not know keeps the incident's")
  void operatorSeverity() {
    PagerDutySettings settings = PagerDutySettings.fromJson(new JsonObject().put("integration_key", KEY)
        .put("severity_mapping", new JsonObject().put("critical", "error")));
    assertEquals("error", payload(Deliveries.createIncident(), settings).getString("severity"));
    DeliveryRequest unknown = action(new JsonObject().put("severity", "apocalyptic").put("summary", " ")
        .put("source", 7));
    JsonObject payload = payload(unknown, DEFAULTS);
    assertEquals("warning", payload.getString("severity"), "incident_data without a severity is medium");
    assertEquals("Critical service failure", payload.getString("summary"), "a blank summary is no summary");
    assertEquals("audit-service", payload.getString("source"), "a number is no source");
  }

  @Test
  @DisplayName("The summary is cut at 1,024 characters, never inside a surrogate pair")
  void summaryClipped() {
    String emoji = "\uD83D\uDD25";
    String atTheEdge = "a".repeat(1_023) + emoji + "tail";
    assertEquals("a".repeat(1_023), summaryOf(atTheEdge));
    assertEquals(("é" + emoji).repeat(341) + "é", summaryOf(("é" + emoji).repeat(1_000)));
    assertEquals("short \u00fcnicode \u202e title", summaryOf("short \u00fcnicode \u202e title"));
  }

  @Test
  @DisplayName("The timestamp is the alert's own, in RFC 3339, and left out when the data has none that reads")
  void timestamps() {
    assertEquals("2026-12-01T02:59:07.261Z", timestampOf("2026-12-01T02:59:07.261Z"));
    assertEquals("2026-12-01T03:59:07.000Z", timestampOf("2026-12-01T04:59:07+01:00"));
    assertEquals("2024-06-05T09:33:20.000Z", timestampOf(1_717_580_000_000L));
    assertNull(timestampOf("yesterday"));
    assertNull(timestampOf(new JsonObject()));
    assertNull(timestampOf(null));
  }

  @Test
  @DisplayName("component, group and class come from the data when they are text; links need a text href")
  void optionalFields() {
    JsonObject document = Deliveries.document().put("component", "lsass").put("group", 12).put("class", "  ")
        .put("links", new JsonArray()
            .add(new JsonObject().put("href", "https://a.example/1"))
            .add(new JsonObject().put("href", "https://a.example/2").put("text", 5))
            .add(new JsonObject().put("text", "no href"))
            .add("https://not-an-object.example")
            .add(new JsonObject().put("href", new JsonObject())));
    JsonObject event = event(Deliveries.alert(EventType.CREATED, document, "k", 1), DEFAULTS);
    JsonObject payload = event.getJsonObject("payload");
    assertEquals("lsass", payload.getString("component"));
    assertFalse(payload.containsKey("group"));
    assertFalse(payload.containsKey("class"));
    assertEquals(new JsonArray().add(new JsonObject().put("href", "https://a.example/1"))
        .add(new JsonObject().put("href", "https://a.example/2")), event.getJsonArray("links"));
    EventSchema.assertValid(event);
  }

  @Test
  @DisplayName("Details too heavy for PagerDuty's 512 KB lose enrichment and indicators first, and say so")
  void heavyDetailsDropped() {
    JsonObject document = Deliveries.document()
        .put("enrichment", new JsonObject().put("blob", "e".repeat(600_000)));
    Buffer body = PagerDutyEvent.of(Deliveries.alert(EventType.CREATED, document, "k", 1), DEFAULTS);
    JsonObject details = new JsonObject(body).getJsonObject("payload").getJsonObject("custom_details");

    assertTrue(body.length() < PagerDutyEvent.MAX_EVENT_BYTES, "size " + body.length());
    assertEquals(Deliveries.ALERT_ID.toString(), details.getString("alert_id"));
    assertEquals("high", details.getString("severity"));
    assertEquals(true, details.getBoolean("truncated"));
    assertEquals(new JsonArray().add("enrichment").add("indicators"), details.getJsonArray("omitted"));
    assertFalse(details.containsKey("enrichment"));
    assertEquals(1, new JsonObject(body).getJsonArray("links").size());
    EventSchema.assertValid(new JsonObject(body));
  }

  @Test
  @DisplayName("When even that is too large, only what finds the alert is kept, and the links go")
  void onlyEssentialsKept() {
    JsonArray links = new JsonArray();
    for (int i = 0; i < 10_000; i++) {
      links.add(new JsonObject().put("href", "https://siem.example/alerts/" + "x".repeat(50) + i));
    }
    Buffer body = PagerDutyEvent.of(Deliveries.alert(EventType.CREATED, Deliveries.document().put("links", links),
        "k", 1), DEFAULTS);
    JsonObject event = new JsonObject(body);

    assertTrue(body.length() < PagerDutyEvent.MAX_EVENT_BYTES, "size " + body.length());
    assertEquals(new JsonObject().put("alert_id", Deliveries.ALERT_ID.toString()).put("severity", "high")
        .put("status", "open").put("truncated", true).put("omitted", "everything else, and the links"),
        event.getJsonObject("payload").getJsonObject("custom_details"));
    assertEquals(new JsonArray(), event.getJsonArray("links"));
    EventSchema.assertValid(event);
  }

  @Test
  @DisplayName("Huge operator fields are bounded, so the event always fits")
  void hugeOperatorFields() {
    JsonObject data = new JsonObject().put("title", "t".repeat(100_000)).put("component", "c".repeat(600_000))
        .put("group", "\u0000".repeat(300_000));
    DeliveryRequest request = new DeliveryRequest(Deliveries.DELIVERY_ID, "oncall", "inc-9", 1, EventType.CREATED,
        Incident.of(data, "s".repeat(600_000), new JsonObject().put("note", "n".repeat(600_000))), Optional.empty(),
        new JsonObject(), Instant.now().plusSeconds(60));
    Buffer body = PagerDutyEvent.of(request, DEFAULTS);
    JsonObject payload = new JsonObject(body).getJsonObject("payload");

    assertTrue(body.length() < PagerDutyEvent.MAX_EVENT_BYTES, "size " + body.length());
    assertEquals(1_024, payload.getString("summary").length());
    assertEquals(1_024, payload.getString("source").length());
    assertEquals(1_024, payload.getString("component").length());
    assertEquals(new JsonObject().put("truncated", true).put("omitted", "everything else, and the links"),
        payload.getJsonObject("custom_details"));
    EventSchema.assertValid(new JsonObject(body));
  }

  @Test
  @DisplayName("The test's schema refuses what PagerDuty would: it is a check worth having")
  void schemaRefuses() {
    JsonObject trigger = event(Deliveries.alert(EventType.CREATED), DEFAULTS);
    assertTrue(EventSchema.valid(trigger));
    assertFalse(EventSchema.valid(trigger.copy().put("event_action", "create")));
    assertFalse(EventSchema.valid(trigger.copy().put("payload", trigger.getJsonObject("payload").copy()
        .put("severity", "high"))));
    assertFalse(EventSchema.valid(new JsonObject().put("routing_key", KEY).put("event_action", "resolve")));
    JsonObject withoutPayload = trigger.copy();
    withoutPayload.remove("payload");
    assertFalse(EventSchema.valid(withoutPayload));
  }

  private static DeliveryRequest withSeverity(Severity severity, JsonObject document) {
    DeliveryRequest alert = Deliveries.alert(EventType.CREATED, document, "k", 1);
    Incident incident = alert.incident();
    return new DeliveryRequest(alert.deliveryId(), alert.destination(), alert.idempotencyKey(), 1, alert.eventType(),
        new Incident(incident.title(), severity, incident.description(), incident.source(), incident.data(),
            incident.details(), incident.links(), incident.alertId()), Optional.empty(), new JsonObject(),
        alert.deadline());
  }

  private static DeliveryRequest action(JsonObject parameters) {
    DeliveryRequest guide = Deliveries.createIncident();
    return new DeliveryRequest(guide.deliveryId(), guide.destination(), guide.idempotencyKey(), 1, guide.eventType(),
        guide.incident(), Optional.empty(), parameters, guide.deadline());
  }

  private static String summaryOf(String title) {
    return payload(Deliveries.alert(EventType.CREATED, Deliveries.document().put("title", title), "k", 1), DEFAULTS)
        .getString("summary");
  }

  private static String timestampOf(Object timestamp) {
    return payload(Deliveries.alert(EventType.CREATED, Deliveries.document().put("timestamp", timestamp), "k", 1),
        DEFAULTS).getString("timestamp");
  }

  private static JsonObject payload(DeliveryRequest request, PagerDutySettings settings) {
    return event(request, settings).getJsonObject("payload");
  }

  private static JsonObject event(DeliveryRequest request, PagerDutySettings settings) {
    JsonObject event = new JsonObject(PagerDutyEvent.of(request, settings));
    EventSchema.assertValid(event);
    return event;
  }
}
