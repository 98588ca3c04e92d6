package io.alertgate.admin;

import io.alertgate.alert.Timestamps;
import io.alertgate.http.ApiError;
import io.alertgate.normalize.InboundEvents;
import io.alertgate.normalize.InboundStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/**
 * {@code GET /api/v1/inbound} (raw events, their processing status and failure reason) and
 * {@code POST /api/v1/inbound/{id}/reprocess}, which runs an event through normalization again after a fix.
 */
final class InboundRoutes {

  private final InboundEvents events;

  InboundRoutes(InboundEvents events) {
    this.events = events;
  }

  void mount(Router router) {
    router.get("/api/v1/inbound").handler(QueryParams.paged("status", "source")).handler(this::list);
    router.post("/api/v1/inbound/:id/reprocess").handler(QueryParams.only()).handler(this::reprocess);
  }

  private void list(RoutingContext ctx) {
    QueryParams params = new QueryParams(ctx);
    String status = params.oneOf("status", InboundStatus.wireNames());
    String source = params.text("source");
    QueryParams.Page page = params.page();
    events.page(status == null ? null : InboundStatus.ofWireName(status), source, page.cursor(), page.limit())
        .onSuccess(rows -> PagedListing.send(ctx, "inbound", rows, page, InboundEvents.Summary::id,
            InboundRoutes::toJson))
        .onFailure(ctx::fail);
  }

  private static String toJson(InboundEvents.Summary event) {
    return new JsonObject()
        .put("id", event.id().toString())
        .put("source", event.source())
        .put("received_at", Timestamps.format(event.receivedAt()))
        .put("status", event.status().wireName())
        .put("error", event.error())
        .encode();
  }

  private void reprocess(RoutingContext ctx) {
    UUID id = QueryParams.parseUuid("id", ctx.pathParam("id"));
    events.reprocess(id)
        .onSuccess(reset -> reset.ifPresentOrElse(
            event -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("id", id.toString()).put("status", InboundStatus.RECEIVED.wireName())
                    .encode()),
            () -> ctx.fail(new ApiError(404, "not_found", "No inbound event with id " + id))))
        .onFailure(ctx::fail);
  }
}
