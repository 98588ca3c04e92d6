package io.alertgate.admin;

import io.alertgate.alert.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/audit}: the writes made through the admin API, newest first, for admin tokens only (it tells
 * which token did what, and a viewer token is often one a dashboard holds).
 */
final class AuditRoutes {

  private final AuditTrail trail;

  AuditRoutes(AuditTrail trail) {
    this.trail = trail;
  }

  void mount(Router router) {
    router.get("/api/v1/audit").handler(Access::adminOnly).handler(QueryParams.paged("token_id")).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    QueryParams params = new QueryParams(ctx);
    String tokenId = params.text("token_id");
    QueryParams.Page page = params.page();
    trail.page(tokenId, page.cursor(), page.limit())
        .onSuccess(rows -> PagedListing.send(ctx, "audit", rows, page, AuditTrail.Entry::id, AuditRoutes::toJson))
        .onFailure(ctx::fail);
  }

  private static String toJson(AuditTrail.Entry entry) {
    return new JsonObject()
        .put("id", entry.id().toString())
        .put("at", Timestamps.format(entry.at()))
        .put("token_id", entry.tokenId())
        .put("role", entry.role())
        .put("method", entry.method())
        .put("path", entry.path())
        .put("query_params", new JsonArray(entry.queryParams()))
        .put("status", entry.status())
        .put("target_id", entry.targetId())
        .encode();
  }
}
