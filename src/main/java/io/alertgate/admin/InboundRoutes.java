package io.alertgate.admin;

import io.alertgate.bus.Addresses;
import io.alertgate.http.ApiError;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/inbound} (raw events, their processing status and failure reason) and
 * {@code POST /api/v1/inbound/{id}/reprocess}, which runs an event through normalization again after a fix.
 */
final class InboundRoutes {

  /*
   * Back to the inbox, and the earlier alerts go, in one transaction. The UPDATE comes first: it waits for a
   * normalization holding the event's lock, and the DELETE after it (a new snapshot) then sees the alerts that
   * normalization committed. Reprocessing replaces alerts; it never adds a second set.
   */
  private static final String RESET = """
      UPDATE inbound_state SET status = 'received', error = NULL, processed_at = NULL
      WHERE id = $1 RETURNING source""";
  private static final String FORGET_ALERTS = "DELETE FROM alert WHERE inbound_id = $1";
  private static final List<String> STATUSES = List.of("received", "processed", "failed");

  private final Pool pool;

  InboundRoutes(Pool pool) {
    this.pool = pool;
  }

  void mount(Router router) {
    router.get("/api/v1/inbound").handler(this::list);
    router.post("/api/v1/inbound/:id/reprocess").handler(this::reprocess);
  }

  private void list(RoutingContext ctx) {
    QueryParams params = new QueryParams(ctx);
    String status = params.oneOf("status", STATUSES);
    String source = params.text("source");
    UUID cursor = params.uuid("cursor");
    int limit = params.limit();
    KeysetQuery query = new KeysetQuery("SELECT id, source, received_at, status, error FROM inbound_state")
        .where("status", "=", status)
        .where("source", "=", source)
        .after(cursor);
    pool.preparedQuery(query.sql()).execute(query.params(limit))
        .onSuccess(rows -> {
          List<String> items = new ArrayList<>(rows.size());
          String last = null;
          for (Row row : rows) {
            last = row.getUUID(0).toString();
            items.add(new JsonObject()
                .put("id", last)
                .put("source", row.getString(1))
                .put("received_at", io.alertgate.alert.Timestamps.format(row.getOffsetDateTime(2).toInstant()))
                .put("status", row.getString(3))
                .put("error", row.getString(4))
                .encode());
          }
          JsonPages.send(ctx, "inbound", items, rows.size() == limit ? last : null);
        })
        .onFailure(ctx::fail);
  }

  private void reprocess(RoutingContext ctx) {
    UUID id = QueryParams.parseUuid("id", ctx.pathParam("id"));
    pool.withTransaction(sql -> sql.preparedQuery(RESET).execute(Tuple.of(id))
            .compose(rows -> sql.preparedQuery(FORGET_ALERTS).execute(Tuple.of(id)).map(deleted -> rows)))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(new ApiError(404, "not_found", "No inbound event with id " + id));
            return;
          }
          // After the commit; if this message is lost, the recovery sweeper takes the event.
          ctx.vertx().eventBus().send(Addresses.inbox(rows.iterator().next().getString(0)), id.toString());
          ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("id", id.toString()).put("status", "received").encode());
        })
        .onFailure(ctx::fail);
  }
}
