package io.alertgate.admin;

import io.alertgate.alert.AlertStatus;
import io.alertgate.alert.Severity;
import io.alertgate.alert.StoredAlerts;
import io.alertgate.deliver.Deliveries;
import io.alertgate.http.ApiError;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /api/v1/alerts} (newest first, filters, cursor paging) and {@code GET /api/v1/alerts/{id}}. Alert
 * documents are stored as JSON text and sent as they are, without being parsed again.
 */
final class AlertRoutes {

  private static final List<String> SEVERITIES = Severity.wireNames();
  private static final List<String> STATUSES = AlertStatus.wireNames();

  private final Pool pool;
  private final Deliveries deliveries;

  AlertRoutes(Pool pool, Deliveries deliveries) {
    this.pool = pool;
    this.deliveries = deliveries;
  }

  void mount(Router router) {
    router.get("/api/v1/alerts").handler(QueryParams.paged("source", "severity", "status", "since", "inbound_id"))
        .handler(this::list);
    router.get("/api/v1/alerts/:id").handler(QueryParams.only()).handler(this::one);
  }

  private void list(RoutingContext ctx) {
    QueryParams params = new QueryParams(ctx);
    // Read in the order the parameters were always checked, so the first one wrong is the one named.
    String source = params.text("source");
    String severity = params.oneOf("severity", SEVERITIES);
    String status = params.oneOf("status", STATUSES);
    StoredAlerts.Filter filter = new StoredAlerts.Filter(source,
        severity == null ? null : Severity.ofWireName(severity), status == null ? null : AlertStatus.ofWireName(status),
        params.instant("since"), params.uuid("inbound_id"));
    QueryParams.Page page = params.page();
    StoredAlerts.page(pool, filter, page.cursor(), page.limit())
        .onSuccess(alerts -> PagedListing.send(ctx, "alerts", alerts, page, StoredAlerts.Document::id,
            StoredAlerts.Document::json))
        .onFailure(ctx::fail);
  }

  private void one(RoutingContext ctx) {
    UUID id = QueryParams.parseUuid("id", ctx.pathParam("id"));
    StoredAlerts.document(pool, id)
        .compose(document -> document.isEmpty() ? Future.succeededFuture(Optional.<String>empty())
            : deliveries.forAlert(id).compose(rows -> deliveries.attempts(rows.stream()
                .map(Deliveries.Summary::id).toList()).map(log -> Optional.of(withDeliveries(document.get(), rows,
                log)))))
        .onSuccess(document -> document.ifPresentOrElse(
            doc -> ctx.response().putHeader("Content-Type", "application/json").end(doc),
            () -> ctx.fail(new ApiError(404, "not_found", "No alert with id " + id))))
        .onFailure(ctx::fail);
  }

  /** The stored document, sent as it is, with its deliveries and their attempts added as its last field. */
  private static String withDeliveries(String document, List<Deliveries.Summary> rows,
                                       List<Deliveries.Attempt> log) {
    StringBuilder json = new StringBuilder(document.length() + 256 * (rows.size() + 1))
        .append(document, 0, document.lastIndexOf('}')).append(",\"deliveries\":[");
    for (int i = 0; i < rows.size(); i++) {
      json.append(i > 0 ? "," : "").append(DeliveryRoutes.toJson(rows.get(i), log));
    }
    return json.append("]}").toString();
  }
}
