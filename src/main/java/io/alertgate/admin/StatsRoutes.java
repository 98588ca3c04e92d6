package io.alertgate.admin;

import io.alertgate.alert.StoredAlerts;
import io.alertgate.alert.Timestamps;
import io.alertgate.deliver.Deliveries;
import io.alertgate.normalize.InboundEvents;
import io.alertgate.pipeline.Pipeline;
import io.alertgate.pipeline.StageFigures;
import io.alertgate.store.RecentWindows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/stats}: where the gateway stands, in one document counted now from the database, so it speaks
 * for every instance sharing it. Each stage's items of the last hour by status, and its backlog; the alerts stored;
 * what each source sent and what each destination came to, in the last minute and the last hour. Every count is
 * bounded by its window over an index: asking costs what the window holds, never the whole history.
 */
final class StatsRoutes {

  private static final List<String> OUTCOMES = List.of("delivered", "failed", "dead");

  private final Pool pool;
  private final Pipeline pipeline;
  private final InboundEvents inbound;
  private final Deliveries deliveries;
  private final List<String> sources;
  private final Supplier<List<String>> destinations;

  /**
   * @param sources      the configured sources, each listed even when it sent nothing
   * @param destinations the destinations delivered to now, each listed even when nothing went there
   */
  StatsRoutes(Pool pool, Pipeline pipeline, InboundEvents inbound, Deliveries deliveries, Collection<String> sources,
              Supplier<List<String>> destinations) {
    this.pool = pool;
    this.pipeline = pipeline;
    this.inbound = inbound;
    this.deliveries = deliveries;
    this.sources = List.copyOf(sources);
    this.destinations = destinations;
  }

  void mount(Router router) {
    router.get("/api/v1/stats").handler(QueryParams.only()).handler(this::stats);
  }

  private void stats(RoutingContext ctx) {
    RecentWindows windows = RecentWindows.endingNow();
    Future<List<StageFigures>> stages = pipeline.figures(pool, windows);
    Future<RecentWindows.Counts> alerts = StoredAlerts.recent(pool, windows);
    Future<Map<String, RecentWindows.Counts>> ingested = inbound.ingested(windows);
    Future<Map<String, Map<String, RecentWindows.Counts>>> outcomes = deliveries.outcomes(windows);
    Future.all(stages, alerts, ingested, outcomes)
        .onSuccess(all -> ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
            .put("generated_at", Timestamps.format(windows.end()))
            .put("stages", stages(stages.result()))
            .put("alerts", windows(alerts.result()))
            .put("sources", sources(ingested.result()))
            .put("destinations", destinations(outcomes.result()))
            .encode()))
        .onFailure(ctx::fail);
  }

  private static JsonObject stages(List<StageFigures> figures) {
    JsonObject stages = new JsonObject();
    for (StageFigures stage : figures) {
      JsonObject statuses = new JsonObject();
      stage.statuses().forEach(statuses::put);
      stages.put(stage.stage(), new JsonObject().put("last_hour", statuses).put("backlog", stage.backlog()));
    }
    return stages;
  }

  private JsonObject sources(Map<String, RecentWindows.Counts> ingested) {
    JsonObject listed = new JsonObject();
    sources.forEach(source -> listed.put(source, new JsonObject()
        .put("ingested", windows(ingested.getOrDefault(source, RecentWindows.Counts.NONE)))));
    // A source since removed from the configuration still sent what it sent.
    ingested.forEach((source, counts) -> {
      if (!listed.containsKey(source)) {
        listed.put(source, new JsonObject().put("ingested", windows(counts)));
      }
    });
    return listed;
  }

  private JsonObject destinations(Map<String, Map<String, RecentWindows.Counts>> outcomes) {
    JsonObject listed = new JsonObject();
    destinations.get().forEach(destination -> listed.put(destination, outcomes(Map.of())));
    outcomes.forEach((destination, counts) -> listed.put(destination, outcomes(counts)));
    return listed;
  }

  private static JsonObject outcomes(Map<String, RecentWindows.Counts> counts) {
    JsonObject outcomes = new JsonObject();
    OUTCOMES.forEach(outcome -> outcomes.put(outcome, windows(counts.getOrDefault(outcome,
        RecentWindows.Counts.NONE))));
    return outcomes;
  }

  private static JsonObject windows(RecentWindows.Counts counts) {
    return new JsonObject().put("last_minute", counts.lastMinute()).put("last_hour", counts.lastHour());
  }
}
