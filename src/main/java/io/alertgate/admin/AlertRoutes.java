package io.alertgate.admin;

import io.alertgate.alert.AlertStatus;
import io.alertgate.alert.Severity;
import io.alertgate.http.ApiError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/alerts} (newest first, filters, cursor paging) and {@code GET /api/v1/alerts/{id}}. Alert
 * documents are stored as JSON text and sent as they are, without being parsed again.
 */
final class AlertRoutes {

  private static final String ONE = "SELECT doc FROM alert WHERE id = $1";
  private static final long MAX_PAGE_CHARS = 8L * 1024 * 1024;
  private static final List<String> SEVERITIES = Severity.wireNames();
  private static final List<String> STATUSES = AlertStatus.wireNames();

  private final Pool pool;

  AlertRoutes(Pool pool) {
    this.pool = pool;
  }

  void mount(Router router) {
    router.get("/api/v1/alerts").handler(this::list);
    router.get("/api/v1/alerts/:id").handler(this::one);
  }

  private void list(RoutingContext ctx) {
    QueryParams params = new QueryParams(ctx);
    String source = params.text("source");
    String severity = params.oneOf("severity", SEVERITIES);
    String status = params.oneOf("status", STATUSES);
    OffsetDateTime since = params.instant("since");
    UUID inbound = params.uuid("inbound_id");
    UUID cursor = params.uuid("cursor");
    int limit = params.limit();
    KeysetQuery query = new KeysetQuery("SELECT id, doc FROM alert")
        .where("source", "=", source)
        .where("severity", "=", severity)
        .where("status", "=", status)
        .where("occurred_at", ">=", since)
        .where("inbound_id", "=", inbound)
        .after(cursor);
    pool.preparedQuery(query.sql()).execute(query.params(limit))
        .onSuccess(rows -> sendPage(ctx, rows, limit))
        .onFailure(ctx::fail);
  }

  private void one(RoutingContext ctx) {
    UUID id = QueryParams.parseUuid("id", ctx.pathParam("id"));
    pool.preparedQuery(ONE).execute(Tuple.of(id))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(new ApiError(404, "not_found", "No alert with id " + id));
          } else {
            ctx.response().putHeader("Content-Type", "application/json").end(rows.iterator().next().getString(0));
          }
        })
        .onFailure(ctx::fail);
  }

  /**
   * Documents carry the vendor's raw object, so a page also stops at a byte budget: the cursor then points at the
   * last document sent, and the next page continues from there.
   */
  private static void sendPage(RoutingContext ctx, RowSet<Row> rows, int limit) {
    List<String> docs = new java.util.ArrayList<>(rows.size());
    long bytes = 0;
    String last = null;
    boolean cut = false;
    for (Row row : rows) {
      String doc = row.getString(1);
      if (!docs.isEmpty() && bytes + doc.length() > MAX_PAGE_CHARS) {
        cut = true;
        break;
      }
      docs.add(doc);
      bytes += doc.length();
      last = row.getUUID(0).toString();
    }
    JsonPages.send(ctx, "alerts", docs, cut || rows.size() == limit ? last : null);
  }
}
