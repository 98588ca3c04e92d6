package io.alertgate.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The gateway's Prometheus registry: Vert.x's own metrics (HTTP servers, connection pools, event bus, JVM) and the
 * gateway's counters, scraped at {@code GET /metrics} on the admin port.
 */
public final class GatewayMetrics {

  // Vert.x registers these gauges once per HTTP server instance, and the ingest port has one per event loop:
  // Micrometer keeps the first and refuses the rest (with a warning), so they would count one loop's share only.
  // The request counters and timers, shared by all instances, are kept.
  private static final Set<String> PER_INSTANCE_GAUGES = Set.of("vertx.http.server.active.connections",
      "vertx.http.server.active.requests");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public GatewayMetrics() {
    registry.config().meterFilter(MeterFilter.deny(id -> PER_INSTANCE_GAUGES.contains(id.getName())
        // The same goes for the relay's HTTP client pools, one per destination and event loop.
        || id.getName().startsWith("vertx.pool.") && "http".equals(id.getTag("pool_type"))));
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** A Vert.x instance that reports into this registry. */
  public Vertx newVertx() {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        // A metric per message on the two busiest addresses (one per event, one per alert) cost about 5% of the
        // pipeline's rate (drain: 18,400-19,000 events/s with them, 19,800-20,400 without); the gateway's own
        // counters say the same per batch.
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        // Only labels whose values the gateway chooses: Vert.x takes any method token a client sends, and a
        // method label would let anyone who reaches the ingest port create series without end.
        .setLabels(EnumSet.of(Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME))
        // The database is measured by its three connection pools (vertx_pool_*{pool_name}: queue, in use, usage
        // time). Vert.x's network and SQL client metrics would register one gauge several times over, once per
        // pool and event loop, which Micrometer refuses (with a warning at every start) and reports for one only.
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        // The relay's HTTP clients likewise (one per destination, and gauges per event loop); the delivery stage
        // counts its attempts itself.
        .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
        .addDisabledMetricsCategory("sql")
        // Vert.x keeps its registries by name in a JVM-wide table: one name per instance keeps two gateways in one
        // JVM (the tests) from reporting into each other's.
        .setRegistryName("alertgate-" + UUID.randomUUID());
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /** {@code GET /metrics}, Prometheus text format; open like health, as scrapers carry no token. */
  public void mount(Router router) {
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape()));
  }
}
