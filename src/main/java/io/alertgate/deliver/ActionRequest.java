package io.alertgate.deliver;

import io.vertx.core.json.JsonObject;

/**
 * What an integration endpoint's request is kept as on its delivery row: the incident it names ({@code incident_data},
 * the {@code source} it gives, the {@code details} to carry) and the endpoint's own {@code parameters} (a StackStorm
 * action and its parameters, a PagerDuty summary, a webhook's event type and custom payload), read back at each
 * attempt.
 */
public final class ActionRequest {

  private ActionRequest() {
  }

  public static JsonObject of(JsonObject incidentData, String source, JsonObject details, JsonObject parameters) {
    return new JsonObject().put("incident_data", incidentData).put("source", source).put("details", details)
        .put("parameters", parameters);
  }

  static Incident incident(JsonObject recorded) {
    return Incident.of(object(recorded, "incident_data"), recorded.getString("source", "alertgate"),
        object(recorded, "details"));
  }

  static JsonObject parameters(JsonObject recorded) {
    return object(recorded, "parameters");
  }

  private static JsonObject object(JsonObject recorded, String field) {
    return recorded.getValue(field) instanceof JsonObject object ? object : new JsonObject();
  }
}
