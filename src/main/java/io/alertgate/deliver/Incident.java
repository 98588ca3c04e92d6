package io.alertgate.deliver;

import io.alertgate.alert.Severity;
import io.alertgate.alert.StoredAlert;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.UUID;

/**
 * What a destination is told about, in the terms every connector needs: a routed alert, or the incident an operator
 * sent through one of the integration endpoints. Each connector writes it in its own wire format.
 *
 * @param title       one line
 * @param severity    on the gateway's scale
 * @param description more text, when there is any
 * @param source      who reported it: the alert's source, or what an operator's request named
 * @param data        the whole incident: the alert document, or the request's {@code incident_data}
 * @param details     what receivers most often route on: the alert's id, severity, status and indicators
 * @param links       back to where it came from, each {@code {href, text}}
 * @param alertId     the alert it is, when it is one
 */
public record Incident(String title, Severity severity, String description, String source, JsonObject data,
                       JsonObject details, JsonArray links, Optional<UUID> alertId) {

  private static final String UNTITLED = "Alert";

  /** A stored alert, from its document. */
  public static Incident of(StoredAlert alert) {
    JsonObject document = new JsonObject(alert.document());
    JsonObject details = new JsonObject()
        .put("alert_id", alert.id().toString())
        .put("severity", alert.severity().wireName())
        .put("status", alert.status().wireName())
        .put("indicators", document.getValue("indicators") instanceof JsonObject indicators ? indicators
            : new JsonObject());
    if (document.getValue("enrichment") instanceof JsonObject enrichment) {
      details.put("enrichment", enrichment);
    }
    JsonArray links = document.getValue("links") instanceof JsonArray array ? array : new JsonArray();
    return new Incident(text(document.getValue("title")).orElse(UNTITLED), alert.severity(),
        text(document.getValue("description")).orElse(null), alert.source(), document, details, links,
        Optional.of(alert.id()));
  }

  /**
   * An operator's incident: its {@code incident_data} as given, its title and severity read from there when they are
   * text (a severity the gateway does not know is medium).
   */
  public static Incident of(JsonObject data, String source, JsonObject details) {
    Severity severity = text(data.getValue("severity")).flatMap(Severity::fromWord).orElse(Severity.MEDIUM);
    return new Incident(text(data.getValue("title")).orElse(UNTITLED), severity,
        text(data.getValue("description")).orElse(null), source, data, details, new JsonArray(), Optional.empty());
  }

  private static Optional<String> text(Object value) {
    return value instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
  }
}
