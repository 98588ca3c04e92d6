package io.alertgate.admin;

import io.alertgate.alert.Timestamps;
import io.alertgate.deliver.Deliveries;
import io.alertgate.deliver.DeliveryStatus;
import io.alertgate.http.ApiError;
import io.alertgate.json.WireName;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/deliveries} (each delivery, where it stands and why: the dead letters among them) and
 * {@code POST /api/v1/deliveries/{id}/replay}, which sends one again under its same id.
 */
final class DeliveryRoutes {

  private static final List<String> STATUSES = WireName.all(DeliveryStatus.class);

  private final Deliveries deliveries;

  DeliveryRoutes(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  void mount(Router router) {
    router.get("/api/v1/deliveries").handler(this::list);
    router.post("/api/v1/deliveries/:id/replay").handler(this::replay);
  }

  private void list(RoutingContext ctx) {
    QueryParams params = new QueryParams(ctx);
    String status = params.oneOf("status", STATUSES);
    String destination = params.text("destination");
    QueryParams.Page page = params.page();
    deliveries.page(status == null ? null : WireName.parse(DeliveryStatus.class, status), destination, page.cursor(),
            page.limit())
        .onSuccess(rows -> PagedListing.send(ctx, "deliveries", rows, page, Deliveries.Summary::id,
            DeliveryRoutes::toJson))
        .onFailure(ctx::fail);
  }

  /** A delivery as the admin API writes it, in a listing and in its alert alike. */
  static String toJson(Deliveries.Summary delivery) {
    return new JsonObject()
        .put("id", delivery.id().toString())
        .put("alert_id", delivery.alertId().toString())
        .put("destination", delivery.destination())
        .put("event_type", delivery.eventType())
        .put("status", delivery.inFlight() ? "in_flight" : delivery.status().wireName())
        .put("attempts", delivery.attempts())
        .put("next_attempt_at", time(delivery.nextAttemptAt()))
        .put("last_status_code", delivery.lastStatus())
        .put("last_error", delivery.lastError())
        .put("external_ref", delivery.externalRef())
        .put("created_at", time(delivery.createdAt()))
        .put("finished_at", time(delivery.finishedAt()))
        .encode();
  }

  private static String time(Instant instant) {
    return instant == null ? null : Timestamps.format(instant);
  }

  private void replay(RoutingContext ctx) {
    UUID id = QueryParams.parseUuid("id", ctx.pathParam("id"));
    deliveries.replay(id)
        .onSuccess(result -> {
          switch (result) {
            case REPLAYED -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("id", id.toString()).put("status", "pending").encode());
            case ALREADY_DELIVERED -> ctx.fail(new ApiError(409, "already_delivered",
                "Delivery " + id + " was delivered; replaying it would send it twice"));
            default -> ctx.fail(new ApiError(404, "not_found", "No delivery with id " + id));
          }
        })
        .onFailure(ctx::fail);
  }
}
