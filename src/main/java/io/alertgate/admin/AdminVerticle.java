package io.alertgate.admin;

import io.alertgate.config.AdminToken;
import io.alertgate.config.SourceConfig;
import io.alertgate.deliver.Deliveries;
import io.alertgate.deliver.Relay;
import io.alertgate.enrich.Enrichment;
import io.alertgate.health.GatewayHealth;
import io.alertgate.health.HealthRoutes;
import io.alertgate.http.ErrorResponses;
import io.alertgate.http.FrontDoor;
import io.alertgate.metrics.GatewayMetrics;
import io.alertgate.normalize.InboundEvents;
import io.alertgate.pipeline.Pipeline;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The admin port: health and metrics (open), and the admin REST API behind bearer tokens with roles. */
public final class AdminVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AdminVerticle.class);
  private static final long MAX_BODY = 256 * 1024;

  private final int port;
  private final List<AdminToken> tokens;
  private final Pool pool;
  private final GatewayHealth health;
  private final GatewayMetrics metrics;
  private final AtomicInteger boundPort;
  private final Relay relay;
  private final Supplier<List<Enrichment.ProviderHealth>> providers;
  private final List<SourceConfig> sources;
  private final Set<String> generatedSecrets;
  private final Pipeline pipeline;
  private HttpServer server;
  private volatile Router router;

  /** @param tokens every token the API accepts, with its role; with none, every API request is refused */
  public AdminVerticle(int port, List<AdminToken> tokens, Pool pool, GatewayHealth health, GatewayMetrics metrics,
                       Relay relay, Supplier<List<Enrichment.ProviderHealth>> providers, AtomicInteger boundPort,
                       Collection<SourceConfig> sources, Set<String> generatedSecrets, Pipeline pipeline) {
    this.sources = List.copyOf(sources);
    this.generatedSecrets = generatedSecrets;
    this.pipeline = pipeline;
    this.relay = relay;
    this.providers = providers;
    this.metrics = metrics;
    this.port = port;
    this.tokens = List.copyOf(tokens);
    this.pool = pool;
    this.health = health;
    this.boundPort = boundPort;
  }

  @Override
  public Future<?> start() {
    router = Router.router(vertx);
    new HealthRoutes(vertx, health).mount(router);
    metrics.mount(router);
    AuditTrail audit = new AuditTrail(pool);
    // A viewer's refused write is audited too: it is one of the things the audit is for.
    router.route("/api/*").handler(new BearerAuth(tokens)).handler(new WriteAudit(audit)).handler(Access::byRole);
    LOG.info("Admin API tokens: {}", tokens.stream().map(t -> t.id() + " (" + t.role().wireName() + ")").toList());
    new OpenApiRoutes().mount(router);
    Deliveries deliveries = new Deliveries(vertx, pool);
    new AlertRoutes(pool, deliveries).mount(router);
    InboundEvents inbound = new InboundEvents(vertx, pool);
    new InboundRoutes(inbound).mount(router);
    new DeliveryRoutes(deliveries).mount(router);
    // Only the integration endpoints take bodies: configurations and operators' incidents, never large.
    router.route("/api/v1/integrations/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    router.route("/api/integrations*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    new IntegrationConfigRoutes(relay).mount(router);
    new IntegrationRegistryRoutes(relay, providers).mount(router);
    new IntegrationActions(vertx, relay, deliveries).mount(router);
    new ConnectorHealthRoutes(relay, providers).mount(router);
    new AuditRoutes(audit).mount(router);
    new SourceRoutes(sources, generatedSecrets).mount(router);
    new StatsRoutes(pool, pipeline, inbound, deliveries, sources.stream().map(SourceConfig::name).toList(),
        () -> relay.destinations().names()).mount(router);
    ErrorResponses.install(router);
    // Clear-text HTTP/2 off: FramingConflictDecoder must be in place before a connection reads its first bytes.
    HttpServerOptions options = new HttpServerOptions().setPort(port).setHttp2ClearTextEnabled(false);
    server = vertx.createHttpServer(options);
    FrontDoor.serve(server, options, router, () -> !health.accepting());
    return server.listen().onSuccess(bound -> boundPort.set(bound.actualPort()));
  }

  @Override
  public Future<?> stop() {
    return server.shutdown(5, TimeUnit.SECONDS);
  }

  /** The routes this port serves, once started: what its API description and role matrix are checked against. */
  public Router router() {
    return router;
  }
}
