package io.alertgate.ingest;

import io.alertgate.config.GatewayConfig;
import io.alertgate.config.IngestSettings;
import io.alertgate.health.GatewayHealth;
import io.alertgate.health.HealthRoutes;
import io.alertgate.http.ErrorResponses;
import io.alertgate.http.FrontDoor;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ingest port. One instance per core, each with its own group-commit writer, so the only state shared between
 * event loops is the bound on body bytes in flight.
 */
public final class IngestVerticle extends VerticleBase {

  private static final long SHUTDOWN_GRACE_SECONDS = 30;
  private static final int IDLE_TIMEOUT_SECONDS = 60;
  /**
   * One commit in flight per event loop: requests arriving meanwhile form the next batch. Measured on two cores,
   * more concurrent commits only made the batches smaller and PostgreSQL busier (docs/benchmarks.md).
   */
  private static final int COMMITS_IN_FLIGHT = 1;
  /** Far below PostgreSQL's 1 GiB message limit, whatever the body limit and batch size are set to. */
  private static final long MAX_BATCH_BYTES = 16L * 1024 * 1024;
  private static final long COMMIT_TIMEOUT_MS = 15_000;

  private final GatewayConfig config;
  private final Pool pool;
  private final GatewayHealth health;
  private final AtomicInteger boundPort;
  private HttpServer server;
  private volatile Router router;
  private InboxWriter writer;
  private final MeterRegistry registry;
  private final InflightBodies inflight;

  /**
   * @param inflight  the body bytes in flight, one figure shared by every instance
   * @param boundPort receives the port actually bound, which differs from the configured one when that is 0
   */
  public IngestVerticle(GatewayConfig config, Pool pool, GatewayHealth health, MeterRegistry registry,
                        InflightBodies inflight, AtomicInteger boundPort) {
    this.config = config;
    this.inflight = inflight;
    this.registry = registry;
    this.pool = pool;
    this.health = health;
    this.boundPort = boundPort;
  }

  @Override
  public Future<?> start() {
    IngestSettings ingest = config.ingest();
    writer = new InboxWriter(vertx, pool, new InboxWriter.Limits(ingest.batchMaxRows(), MAX_BATCH_BYTES,
        ingest.maxPending(), ingest.maxPendingBytes(), COMMITS_IN_FLIGHT, COMMIT_TIMEOUT_MS));
    Router router = Router.router(vertx);
    WebhookHandler webhooks = new WebhookHandler(new SourceRegistry(config), writer, vertx.eventBus(),
        config.http().maxBodyBytes(), config.http().bodyTimeoutSeconds() * 1000L,
        new WebhookMetrics(registry, config.sources().keySet()), inflight);
    webhooks.mount(router);
    new HealthRoutes(vertx, health).mount(router);
    ErrorResponses.install(router);
    this.router = router;
    // Clear-text HTTP/2 off: FramingConflictDecoder must be in place before a connection reads its first bytes.
    HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false)
        .setPort(config.http().port())
        .setCompressionSupported(false)
        // A sender that stops mid-request must not hold a connection for ever.
        .setIdleTimeout(IDLE_TIMEOUT_SECONDS);
    server = vertx.createHttpServer(options);
    FrontDoor.serve(server, options, router, () -> !health.accepting(), webhooks::refusedAtTheDoor);
    return server.listen().onSuccess(bound -> boundPort.set(bound.actualPort()));
  }

  /** Stops taking connections, lets requests in flight finish, then waits for their commits. */
  @Override
  public Future<?> stop() {
    return server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)
        .eventually(() -> writer.drain());
  }

  /** The routes this port serves, once started: what its API description is checked against. */
  public Router router() {
    return router;
  }
}
