package io.alertgate.deliver.stackstorm;

import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.Incident;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/**
 * What one delivery asks of StackStorm: an execution of an action ({@code POST /api/v1/executions}), or an instance
 * of a trigger through StackStorm's {@code st2} webhook ({@code POST /api/v1/webhooks/st2}), where its rules decide
 * what runs.
 *
 * @param apiPath   where it goes, under {@code base_url}
 * @param body      the request's body
 * @param execution whether it starts an execution, whose id StackStorm answers
 */
record StackStormCall(String apiPath, JsonObject body, boolean execution) {

  static final String EXECUTIONS = "/api/v1/executions";
  static final String TRIGGER_WEBHOOK = "/api/v1/webhooks/st2";

  /** The names a parameter template's placeholders start with. */
  static final Set<String> MODEL_NAMES = Set.of("event_type", "incident_id", "delivery_id", "title", "severity",
      "source", "alert", "details");

  /**
   * The call for a delivery: an integration request's own action, else the configured action or trigger.
   * An IllegalArgumentException, naming the field, when the request's action cannot be sent.
   */
  static StackStormCall of(DeliveryRequest request, StackStormSettings settings) {
    JsonObject model = model(request);
    JsonObject asked = request.action();
    if (!asked.isEmpty()) {
      // The integration endpoints' execute-action and send-alert: the operator names the action in the request.
      PackRef action = PackRef.of("pack_name", asked.getValue("pack_name"), "action_name",
          asked.getValue("action_name"));
      Object parameters = asked.getValue("action_parameters");
      if (parameters == null) {
        // The operator's action, run as asked: no parameters the request did not give (its schema may refuse them).
        parameters = new JsonObject();
      }
      if (!(parameters instanceof JsonObject template)) {
        throw new IllegalArgumentException("action_parameters must be an object");
      }
      return execution(action, ParameterTemplates.render("action_parameters", template, model));
    }
    if (settings.action().isPresent()) {
      JsonObject parameters = settings.parameters()
          .map(template -> ParameterTemplates.render("parameters", template, model))
          .orElseGet(() -> new JsonObject().put("alert", model.getValue("alert"))
              .put("event_type", model.getValue("event_type")).put("incident_id", model.getValue("incident_id")));
      return execution(settings.action().get(), parameters);
    }
    JsonObject payload = new JsonObject()
        .put("event_type", model.getValue("event_type"))
        .put("incident_id", model.getValue("incident_id"))
        .put("alert", model.getValue("alert"))
        .put("details", model.getValue("details"));
    return new StackStormCall(TRIGGER_WEBHOOK, new JsonObject().put("trigger", settings.trigger().toString())
        .put("payload", payload), false);
  }

  private static StackStormCall execution(PackRef action, JsonObject parameters) {
    return new StackStormCall(EXECUTIONS, new JsonObject().put("action", action.toString())
        .put("parameters", parameters), true);
  }

  /** What templates see of a delivery; {@link #MODEL_NAMES} are its names. */
  static JsonObject model(DeliveryRequest request) {
    Incident incident = request.incident();
    return new JsonObject()
        .put("event_type", request.eventType().wireName())
        .put("incident_id", request.idempotencyKey())
        .put("delivery_id", request.deliveryId().toString())
        .put("title", incident.title())
        .put("severity", incident.severity().wireName())
        .put("source", incident.source())
        .put("alert", incident.data())
        .put("details", incident.details());
  }
}
