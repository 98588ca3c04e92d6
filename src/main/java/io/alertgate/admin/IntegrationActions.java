package io.alertgate.admin;

import io.alertgate.alert.EventType;
import io.alertgate.alert.Timestamps;
import io.alertgate.deliver.ActionRequest;
import io.alertgate.deliver.Deliveries;
import io.alertgate.deliver.DeliveryStatus;
import io.alertgate.deliver.Destination;
import io.alertgate.deliver.Relay;
import io.alertgate.deliver.stackstorm.StackStormConnector;
import io.alertgate.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * The integrations guide's action endpoints. Each request becomes a delivery to the destination named after the type,
 * with the same connector, retries, breaker and attempt log as a routed alert, and its incident id as the key the
 * destination de-duplicates on (sending the same incident twice opens one incident). The answer waits for the first
 * attempt's outcome, for as long as the destination's timeout: 200 delivered, 502 refused for good, or 202 with the
 * delivery's id when it is still being retried.
 */
final class IntegrationActions {

  private static final int MAX_ID = 255;
  private static final long POLL_MS = 50;
  private static final Duration ROOM = Duration.ofSeconds(2);
  private static final String OPERATOR = "alertgate-api";

  /** An endpoint: how its body becomes the delivery's event, key and request. */
  private record Action(EventType eventType, String key, JsonObject request) {}

  private final Vertx vertx;
  private final Relay relay;
  private final Deliveries deliveries;

  IntegrationActions(Vertx vertx, Relay relay, Deliveries deliveries) {
    this.vertx = vertx;
    this.relay = relay;
    this.deliveries = deliveries;
  }

  void mount(Router router) {
    on(router, "jira", "create-ticket", body -> incident(body, "incident_id", "incident_data", new JsonObject()));
    on(router, "stackstorm", "execute-action", body -> incident(body, "incident_id", "incident_data",
        stackStorm(body)));
    on(router, "stackstorm", "send-alert", body -> incident(body, "alert_id", "alert_data", stackStorm(body)));
    on(router, "pagerduty", "create-incident", body -> incident(body, "incident_id", "incident_data",
        pick(body, "severity", "summary", "source")));
    router.post("/api/v1/integrations/pagerduty/resolve-incident").handler(QueryParams.only("incident_id"))
        .handler(this::resolvePagerDutyIncident);
    router.get("/api/v1/integrations/stackstorm/actions").handler(QueryParams.only())
        .handler(this::stackStormActions);
    for (String endpoint : new String[] {"send", "send-incident", "send-alert"}) {
      String eventType = endpoint.equals("send-alert") ? "alert" : "incident";
      on(router, "webhook", endpoint, body -> incident(body, "incident_id", "incident_data", new JsonObject()
          .put("event_type", body.getValue("event_type") instanceof String given ? given : eventType)
          .put("custom_payload", JsonBodies.object(body, "custom_payload", false))));
    }
  }

  /** What the StackStorm integration can run: asked of StackStorm itself, not a delivery. */
  private void stackStormActions(RoutingContext ctx) {
    Destination destination = enabled("stackstorm");
    if (!(destination.connector() instanceof StackStormConnector stackStorm)) {
      throw new ApiError(409, "not_configured", "The destination named stackstorm is not a StackStorm integration");
    }
    stackStorm.actions(Instant.now().plus(destination.settings().timeout())).onSuccess(list -> {
      if (list.ok()) {
        JsonArray actions = new JsonArray();
        list.actions().forEach(action -> actions.add(action.toJson()));
        IntegrationConfigRoutes.send(ctx, 200, new JsonObject().put("actions", actions).put("more", list.more()));
      } else {
        IntegrationConfigRoutes.send(ctx, 502, new JsonObject().put("error", "destination_failed")
            .put("message", list.error()));
      }
    }).onFailure(ctx::fail);
  }

  private void resolvePagerDutyIncident(RoutingContext ctx) {
    String id = new QueryParams(ctx).text("incident_id");
    if (id == null || id.length() > MAX_ID) {
      throw new ApiError(400, "invalid_request", "incident_id is required in the query: text of 1 to " + MAX_ID
          + " characters");
    }
    run(ctx, "pagerduty", "resolve-incident", new Action(EventType.RESOLVED, id,
        ActionRequest.of(new JsonObject(), OPERATOR, new JsonObject(), new JsonObject())));
  }

  private Destination enabled(String type) {
    return relay.destinations().destination(type).orElseThrow(() -> new ApiError(409, "not_configured",
        "No enabled " + type + " integration: save one with POST /api/v1/integrations/" + type + "/config"));
  }

  private void on(Router router, String type, String endpoint, Function<JsonObject, Action> read) {
    router.post("/api/v1/integrations/" + type + "/" + endpoint).handler(QueryParams.only())
        .handler(ctx -> run(ctx, type, endpoint, read.apply(JsonBodies.object(ctx))));
  }

  private static Action incident(JsonObject body, String idField, String dataField, JsonObject parameters) {
    String key = JsonBodies.text(body, idField, MAX_ID);
    JsonObject data = JsonBodies.object(body, dataField, true);
    String source = body.getValue("source") instanceof String given && !given.isBlank() ? given : OPERATOR;
    return new Action(EventType.CREATED, key, ActionRequest.of(data, source, new JsonObject().put(idField, key),
        parameters));
  }

  private static JsonObject stackStorm(JsonObject body) {
    return new JsonObject()
        .put("pack_name", JsonBodies.text(body, "pack_name", 128))
        .put("action_name", JsonBodies.text(body, "action_name", 128))
        .put("action_parameters", JsonBodies.object(body, "action_parameters", false));
  }

  private static JsonObject pick(JsonObject body, String... fields) {
    JsonObject picked = new JsonObject();
    for (String field : fields) {
      if (body.getValue(field) != null) {
        picked.put(field, JsonBodies.text(body, field, 1_024));
      }
    }
    return picked;
  }

  private void run(RoutingContext ctx, String type, String endpoint, Action action) {
    Destination destination = enabled(type);
    Instant until = Instant.now().plus(destination.settings().timeout()).plus(ROOM);
    deliveries.record(type, action.eventType(), action.key(), endpoint, action.request())
        .compose(id -> settled(id, until))
        .onSuccess(delivery -> answer(ctx, delivery))
        .onFailure(ctx::fail);
  }

  /** The delivery once its first outcome is written, or as it stands when the time is up. */
  private Future<Deliveries.Summary> settled(UUID id, Instant until) {
    Promise<Deliveries.Summary> settled = Promise.promise();
    poll(id, until, settled);
    return settled.future();
  }

  private void poll(UUID id, Instant until, Promise<Deliveries.Summary> settled) {
    deliveries.get(id).onFailure(settled::fail).onSuccess(found -> {
      Deliveries.Summary delivery = found.orElseThrow();
      boolean attempted = delivery.status() != DeliveryStatus.PENDING && !delivery.inFlight();
      if (attempted || Instant.now().isAfter(until)) {
        settled.complete(delivery);
      } else {
        vertx.setTimer(POLL_MS, timer -> poll(id, until, settled));
      }
    });
  }

  private static void answer(RoutingContext ctx, Deliveries.Summary delivery) {
    JsonObject body = new JsonObject().put("delivery_id", delivery.id().toString());
    switch (delivery.status()) {
      case DELIVERED -> IntegrationConfigRoutes.send(ctx, 200, body.put("status", "delivered")
          .put("external_ref", delivery.externalRef()));
      case DEAD -> IntegrationConfigRoutes.send(ctx, 502, body.put("error", "delivery_failed")
          .put("message", delivery.lastError()));
      default -> IntegrationConfigRoutes.send(ctx, 202, body
          .put("status", delivery.inFlight() ? "in_flight" : delivery.status().wireName())
          .put("attempts", delivery.attempts())
          .put("next_attempt_at", delivery.nextAttemptAt() == null ? null : Timestamps.format(delivery.nextAttemptAt()))
          .put("last_error", delivery.lastError()));
    }
  }
}
