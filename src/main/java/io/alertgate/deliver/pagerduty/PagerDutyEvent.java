package io.alertgate.deliver.pagerduty;

import io.alertgate.alert.EventType;
import io.alertgate.alert.Severity;
import io.alertgate.alert.Timestamps;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.Incident;
import io.alertgate.digest.Digests;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * An Events API v2 event for one delivery. A created or updated incident is a {@code trigger}: PagerDuty opens an
 * alert for a dedup key it has no open alert for and adds to the open one otherwise, so an update never pages twice.
 * A resolved one is a {@code resolve} of the same key. The dedup key is the delivery's idempotency key, the same on
 * every retry and every later delivery of the incident.
 */
final class PagerDutyEvent {

  static final String CLIENT = "Alertgate";
  // PagerDuty's own limits: the dedup key, the summary, and the whole event.
  static final int MAX_DEDUP_KEY = 255;
  static final int MAX_SUMMARY = 1_024;
  static final int MAX_EVENT_BYTES = 512 * 1_024;
  // Fields PagerDuty sets no limit on are kept as short as the summary, so custom_details has the room.
  private static final int MAX_FIELD = MAX_SUMMARY;
  // What custom_details loses first when the event would be too large: the alert's bulky parts.
  private static final List<String> HEAVY_DETAILS = List.of("enrichment", "indicators");
  // What it keeps when even that is too large: enough to find the alert in the gateway.
  private static final List<String> ESSENTIAL_DETAILS = List.of("alert_id", "severity", "status");

  private PagerDutyEvent() {
  }

  /** The event a delivery sends. */
  static Buffer of(DeliveryRequest request, PagerDutySettings settings) {
    String dedupKey = dedupKey(request.idempotencyKey());
    if (request.eventType() == EventType.RESOLVED) {
      return bare(settings.integrationKey(), "resolve", dedupKey).toBuffer();
    }
    return trigger(request, settings, dedupKey);
  }

  /**
   * What a connection check sends: an acknowledgement of a key no alert has. PagerDuty checks the integration key
   * and finds nothing to acknowledge, so nobody is paged and nothing is opened.
   */
  static Buffer acknowledgeNothing(String integrationKey, String dedupKey) {
    return bare(integrationKey, "acknowledge", dedupKey).toBuffer();
  }

  /** The idempotency key, or a digest of it where it is longer than PagerDuty keeps: the same on every attempt. */
  static String dedupKey(String idempotencyKey) {
    return Digests.boundedKey(idempotencyKey, MAX_DEDUP_KEY);
  }

  private static JsonObject bare(String integrationKey, String action, String dedupKey) {
    return new JsonObject().put("routing_key", integrationKey).put("event_action", action).put("dedup_key", dedupKey);
  }

  private static Buffer trigger(DeliveryRequest request, PagerDutySettings settings, String dedupKey) {
    Incident incident = request.incident();
    JsonObject action = request.action();
    Severity severity = text(action.getValue("severity")).flatMap(Severity::fromWord).orElse(incident.severity());
    JsonObject payload = new JsonObject()
        .put("summary", clip(text(action.getValue("summary")).orElse(incident.title()), MAX_SUMMARY))
        .put("source", clip(text(action.getValue("source")).or(() -> text(incident.source())).orElse(CLIENT),
            MAX_FIELD))
        .put("severity", settings.severity(severity));
    JsonObject data = incident.data();
    Optional.ofNullable(data.getValue("timestamp")).flatMap(at -> Timestamps.parse(at.toString()))
        .ifPresent(at -> payload.put("timestamp", Timestamps.format(at)));
    for (String field : List.of("component", "group", "class")) {
      text(data.getValue(field)).ifPresent(value -> payload.put(field, clip(value, MAX_FIELD)));
    }
    JsonObject event = bare(settings.integrationKey(), "trigger", dedupKey)
        .put("payload", payload.put("custom_details", incident.details()))
        .put("links", links(incident.links()))
        .put("client", CLIENT);
    return withinLimit(event, incident.details());
  }

  /**
   * The event as it fits PagerDuty's size limit: whole when it does; else without the details' bulky parts; else with
   * only the details that identify the alert, and no links. custom_details says what was left out.
   */
  private static Buffer withinLimit(JsonObject event, JsonObject details) {
    Buffer whole = event.toBuffer();
    if (whole.length() < MAX_EVENT_BYTES) {
      return whole;
    }
    JsonObject payload = event.getJsonObject("payload");
    JsonObject lighter = details.copy();
    HEAVY_DETAILS.forEach(lighter::remove);
    payload.put("custom_details", lighter.put("truncated", true).put("omitted", new JsonArray(HEAVY_DETAILS)));
    Buffer light = event.toBuffer();
    if (light.length() < MAX_EVENT_BYTES) {
      return light;
    }
    JsonObject essential = new JsonObject();
    ESSENTIAL_DETAILS.forEach(field -> text(details.getValue(field))
        .ifPresent(value -> essential.put(field, clip(value, MAX_FIELD))));
    payload.put("custom_details", essential.put("truncated", true).put("omitted", "everything else, and the links"));
    event.put("links", new JsonArray());
    return event.toBuffer();
  }

  /** The incident's links PagerDuty can show: each with a text {@code href}, and its {@code text} when text. */
  private static JsonArray links(JsonArray links) {
    JsonArray shown = new JsonArray();
    for (Object item : links) {
      if (item instanceof JsonObject link && text(link.getValue("href")).isPresent()) {
        JsonObject kept = new JsonObject().put("href", link.getString("href").trim());
        text(link.getValue("text")).ifPresent(text -> kept.put("text", text));
        shown.add(kept);
      }
    }
    return shown;
  }

  /** At most {@code max} characters, never splitting a surrogate pair. */
  static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  /** Non-blank text, stripped; anything else is nothing. */
  static Optional<String> text(Object value) {
    return value instanceof String text && !text.isBlank() ? Optional.of(text.strip()) : Optional.empty();
  }
}
