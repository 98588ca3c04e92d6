package io.alertgate.admin;

import io.alertgate.alert.Timestamps;
import io.alertgate.deliver.Deliveries;
import io.alertgate.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /api/v1/deliveries} (each delivery, where it stands and why: the dead letters among them),
 * {@code POST /api/v1/deliveries/{id}/replay}, which sends one again under its same id, and
 * {@code POST /api/v1/deliveries/replay}, which sends again every one a filter matches, up to a limit.
 */
final class DeliveryRoutes {

  private static final List<String> STATUSES = Deliveries.listedStatuses();

  private final Deliveries deliveries;

  DeliveryRoutes(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  void mount(Router router) {
    router.get("/api/v1/deliveries").handler(QueryParams.paged("status", "destination")).handler(this::list);
    router.get("/api/v1/deliveries/:id").handler(QueryParams.only()).handler(this::one);
    router.post("/api/v1/deliveries/:id/replay").handler(QueryParams.only()).handler(this::replay);
    router.post("/api/v1/deliveries/replay").handler(BodyHandler.create(false).setBodyLimit(ReplayRequest.MAX_BODY))
        .handler(QueryParams.only()).handler(this::replayMatching);
  }

  private void list(RoutingContext ctx) {
    QueryParams params = new QueryParams(ctx);
    String status = params.oneOf("status", STATUSES);
    String destination = params.text("destination");
    QueryParams.Page page = params.page();
    deliveries.page(status, destination, page.cursor(), page.limit())
        .onSuccess(rows -> PagedListing.send(ctx, "deliveries", rows, page, Deliveries.Summary::id,
            DeliveryRoutes::toJson))
        .onFailure(ctx::fail);
  }

  /** A delivery as the admin API writes it in a listing. */
  static String toJson(Deliveries.Summary delivery) {
    return summary(delivery).encode();
  }

  /** A delivery with its attempt log: in its alert, and on its own. */
  static String toJson(Deliveries.Summary delivery, List<Deliveries.Attempt> attempts) {
    JsonArray log = new JsonArray();
    attempts.stream().filter(attempt -> attempt.deliveryId().equals(delivery.id())).forEach(attempt -> log.add(
        new JsonObject()
            .put("attempt", attempt.number())
            .put("started_at", time(attempt.startedAt()))
            .put("duration_ms", attempt.durationMs())
            .put("result", attempt.result())
            .put("status_code", attempt.status())
            .put("error", attempt.error())
            .put("request", attempt.request())
            .put("response", attempt.response())));
    return summary(delivery).put("attempt_log", log).encode();
  }

  private static JsonObject summary(Deliveries.Summary delivery) {
    return new JsonObject()
        .put("id", delivery.id().toString())
        .put("alert_id", delivery.alertId() == null ? null : delivery.alertId().toString())
        .put("action", delivery.action())
        .put("destination", delivery.destination())
        .put("event_type", delivery.eventType())
        .put("status", delivery.inFlight() ? "in_flight" : delivery.status().wireName())
        .put("attempts", delivery.attempts())
        .put("next_attempt_at", time(delivery.nextAttemptAt()))
        .put("last_status_code", delivery.lastStatus())
        .put("last_error", delivery.lastError())
        .put("external_ref", delivery.externalRef())
        .put("created_at", time(delivery.createdAt()))
        .put("finished_at", time(delivery.finishedAt()));
  }

  private static String time(Instant instant) {
    return instant == null ? null : Timestamps.format(instant);
  }

  private void one(RoutingContext ctx) {
    UUID id = QueryParams.parseUuid("id", ctx.pathParam("id"));
    deliveries.get(id)
        .compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.<String>empty())
            : deliveries.attempts(List.of(id)).map(log -> Optional.of(toJson(found.get(), log))))
        .onSuccess(json -> json.ifPresentOrElse(
            body -> ctx.response().putHeader("Content-Type", "application/json").end(body),
            () -> ctx.fail(new ApiError(404, "not_found", "No delivery with id " + id))))
        .onFailure(ctx::fail);
  }

  /** Bulk replay: 202 {@code {"replayed": n, "more": true|false}}, more when the limit left matches behind. */
  private void replayMatching(RoutingContext ctx) {
    Deliveries.Matching matching = ReplayRequest.read(JsonBodies.object(ctx));
    deliveries.replay(matching)
        .onSuccess(done -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("replayed", done.replayed()).put("more", done.more()).encode()))
        .onFailure(ctx::fail);
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
