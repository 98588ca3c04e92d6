package io.alertgate;

import io.alertgate.admin.AdminVerticle;
import io.alertgate.bus.Addresses;
import io.alertgate.config.AdminToken;
import io.alertgate.config.DatabaseConfig.Endpoint;
import io.alertgate.config.GatewayConfig;
import io.alertgate.config.PipelineSettings;
import io.alertgate.deliver.Breakers;
import io.alertgate.deliver.DeliverStage;
import io.alertgate.deliver.Destinations;
import io.alertgate.deliver.Relay;
import io.alertgate.deliver.RetryPolicy;
import io.alertgate.deliver.SavedDestinations;
import io.alertgate.enrich.Enrichment;
import io.alertgate.health.GatewayHealth;
import io.alertgate.ingest.GeneratedSecrets;
import io.alertgate.ingest.InflightBodies;
import io.alertgate.ingest.IngestVerticle;
import io.alertgate.logging.UnhandledFailures;
import io.alertgate.metrics.GatewayMetrics;
import io.alertgate.normalize.NormalizeStage;
import io.alertgate.pipeline.Pipeline;
import io.alertgate.pipeline.Stage;
import io.alertgate.route.RouteStage;
import io.alertgate.route.RoutingTree;
import io.alertgate.secret.MasterKey;
import io.alertgate.secret.SecretBox;
import io.alertgate.store.DatabaseMigrator;
import io.alertgate.store.DurabilityCheck;
import io.alertgate.store.EmbeddedDatabase;
import io.alertgate.store.EmbeddedWatchdog;
import io.alertgate.store.PgPools;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running gateway: its database (embedded or external), schema, pool and verticles, started in order and
 * stopped in reverse so that nothing acknowledged is cut off.
 */
public final class Gateway {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final int PIPELINE_CONNECTIONS = 8;
  // Enrichment's cache, quota and passes query for each alert that misses the cache: measured under a storm, the
  // pipeline's connections ran short for over the pool's 10 s wait without these.
  private static final int ENRICHMENT_CONNECTIONS = 4;
  private static final int ADMIN_CONNECTIONS = 2;
  private static final String ADMIN_STATEMENT_TIMEOUT = "10s";

  private final Vertx vertx;
  private final GatewayMetrics metrics;
  private volatile Pipeline pipeline;
  private volatile Destinations destinations;
  private volatile Breakers breakers;
  private volatile Relay relay;
  private volatile Enrichment enrichment;
  private volatile SecretBox secrets;
  private final GatewayHealth health = new GatewayHealth();
  private final AtomicInteger ingestPort = new AtomicInteger();
  private final AtomicInteger adminPort = new AtomicInteger();
  // Written on start-up threads, read by whichever thread stops the gateway.
  private volatile EmbeddedDatabase embedded;
  private volatile EmbeddedWatchdog watchdog;
  private volatile Pool pool;
  private volatile Pool pipelinePool;
  private volatile Pool adminPool;
  private volatile String ingestDeployment;
  private volatile String adminDeployment;
  // Kept for their routes only: every ingest instance mounts the same, so the last one made stands for all.
  private volatile IngestVerticle ingest;
  private volatile AdminVerticle admin;

  private Gateway(Vertx vertx, GatewayMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
  }

  /**
   * Starts everything; on failure, whatever had started is stopped again before the future fails.
   *
   * @param vertx made by {@link GatewayMetrics#newVertx()}, so Vert.x's own metrics land in the same registry
   */
  public static Future<Gateway> start(Vertx vertx, GatewayMetrics metrics, GatewayConfig config, PrintStream console) {
    Gateway gateway = new Gateway(vertx, metrics);
    vertx.exceptionHandler(new UnhandledFailures());
    return gateway.startAll(config, console)
        .map(v -> gateway)
        .recover(failure -> gateway.stop().transform(stopped -> Future.failedFuture(failure)));
  }

  /** Readiness turns 503 at once; call before {@link #stop()} to give load balancers time to notice. */
  public void stopAccepting() {
    health.stopAccepting();
  }

  public int ingestPort() {
    return ingestPort.get();
  }

  public int adminPort() {
    return adminPort.get();
  }

  /** The ingest port's routes, once started. */
  public Router ingestRouter() {
    return ingest.router();
  }

  /** The admin port's routes, once started. */
  public Router adminRouter() {
    return admin.router();
  }

  private Future<Void> startAll(GatewayConfig config, PrintStream console) {
    return vertx.executeBlocking(() -> prepareDatabase(config))
        .compose(endpoint -> {
          pool = PgPools.create(vertx, endpoint, "alertgate-ingest", config.database().poolSize());
          // Normalization has connections of its own: a backlog can never take the ones commits need.
          pipelinePool = PgPools.create(vertx, endpoint, "alertgate-pipeline", pipelineConnections(config));
          // So has the admin API, and an operator's query that scans too much is stopped, not left to run.
          adminPool = PgPools.create(vertx, endpoint, "alertgate-admin", ADMIN_CONNECTIONS, ADMIN_STATEMENT_TIMEOUT);
          return DurabilityCheck.verify(pool, config.database(), endpoint);
        })
        .compose(v -> {
          watchEmbedded();
          return health.start(vertx, pool);
        })
        .compose(v -> new GeneratedSecrets(pool, console).apply(config))
        .compose(applied -> deploy(applied.config(), applied.adminTokens(), applied.generated()));
  }

  /** A killed embedded server is started again rather than leaving ingest at 503 until someone restarts us. */
  private void watchEmbedded() {
    if (embedded != null) {
      watchdog = new EmbeddedWatchdog(vertx, embedded);
      health.recoverableWhile(watchdog::healthy);
      watchdog.start();
    }
  }

  private static int pipelineConnections(GatewayConfig config) {
    return PIPELINE_CONNECTIONS + (config.enrichment().enabled() ? ENRICHMENT_CONNECTIONS : 0);
  }

  /** Blocking: may start a PostgreSQL server and runs Flyway over JDBC. */
  private Endpoint prepareDatabase(GatewayConfig config) {
    Endpoint endpoint = config.database().external().orElse(null);
    if (endpoint == null) {
      embedded = EmbeddedDatabase.startDurable(config.database().dataDir());
      endpoint = embedded.endpoint();
    } else {
      LOG.info("Using PostgreSQL at {}", endpoint);
    }
    DatabaseMigrator.migrate(endpoint);
    MasterKey key = MasterKey.load(config.database().dataDir(), System.getenv());
    if (key.origin() == MasterKey.Origin.GENERATED && config.database().external().isPresent()) {
      LOG.warn("Generated a master key ({}) in {}: every gateway sharing this database needs the same one, given"
          + " as {}", key.id(), config.database().dataDir(), MasterKey.VARIABLE);
    } else {
      LOG.info("Master key {} ({})", key.id(), key.origin().name().toLowerCase(Locale.ROOT));
    }
    secrets = new SecretBox(key);
    return endpoint;
  }

  private Future<Void> deploy(GatewayConfig config, List<AdminToken> adminTokens, Set<String> generatedSecrets) {
    pipeline = new Pipeline(vertx, stages(config), metrics.registry());
    // Counted on the admin API's connections, like every other operator's question, and on every instance: the
    // backlogs are the whole database's.
    pipeline.watchBacklogs(adminPool);
    relay = new Relay(vertx, destinations, breakers, new SavedDestinations(adminPool, secrets),
        config.destinations());
    // One bound for every ingest instance: bodies in flight on all event loops together.
    InflightBodies inflight = new InflightBodies(config.http().maxInflightBodyBytes(), metrics.registry());
    return relay.start().compose(started -> vertx.deployVerticle(() -> ingestVerticle(config, inflight),
            new DeploymentOptions().setInstances(config.http().instances())))
        .compose(id -> {
          ingestDeployment = id;
          admin = new AdminVerticle(config.admin().port(), adminTokens, adminPool, health,
              metrics, relay, () -> Enrichment.health(config.enrichment(), Optional.ofNullable(enrichment)),
              adminPort, config.sources().values(), generatedSecrets, pipeline);
          return vertx.deployVerticle(admin);
        })
        .compose(id -> {
          adminDeployment = id;
          return config.pipeline().enabled() ? pipeline.deploy(pipelinePool, pipelineConnections(config))
              : Future.succeededFuture();
        })
        .map(v -> {
          LOG.info("Alertgate ready: ingest on port {} ({} event loops), admin on port {}, normalization {}, "
                  + "destinations {}", ingestPort.get(), config.http().instances(), adminPort.get(),
              config.pipeline().enabled() ? "on" : "off", destinations.names());
          return null;
        });
  }

  private IngestVerticle ingestVerticle(GatewayConfig config, InflightBodies inflight) {
    ingest = new IngestVerticle(config, pool, health, metrics.registry(), inflight, ingestPort);
    return ingest;
  }

  /**
   * The stages after ingest, in the order an alert passes them. They meet only in the database and on the bus:
   * adding one is its package and a line here.
   */
  private List<Stage> stages(GatewayConfig config) {
    List<Stage> stages = new ArrayList<>(List.of(new NormalizeStage(config, metrics.registry())));
    // Enrichment runs when a provider has a key; without one, alerts go from normalization to routing.
    enrichment = Enrichment.of(vertx, pipelinePool, config.enrichment(), config.pipeline(), metrics.registry())
        .orElse(null);
    if (enrichment != null) {
      stages.add(enrichment.stage());
    }
    // The relay always runs: a destination saved through the admin API starts receiving alerts at once.
    destinations = Destinations.start(vertx, config);
    breakers = new Breakers(vertx, config.relay().breakerOpen(), metrics.registry());
    PipelineSettings settings = config.pipeline();
    stages.add(new RouteStage(RoutingTree.of(config.routing()), destinations::names,
        enrichment == null ? Addresses.NORMALIZED : Addresses.ENRICHED, settings.sweepIntervalMs(),
        settings.graceSeconds()));
    stages.add(new DeliverStage(pipelinePool, destinations, breakers, RetryPolicy.of(config.relay()),
        settings.sweepIntervalMs(), settings.graceSeconds(), metrics.registry()));
    return stages;
  }

  /**
   * Graceful stop: report not ready, stop taking webhooks and finish the commits in flight, then close the admin
   * port, the pool and the embedded database. Every step runs even when one before it failed; the future fails if
   * any did, so that the process exits non-zero.
   */
  public Future<Void> stop() {
    health.stop(vertx);
    if (watchdog != null) {
      watchdog.stop();
    }
    return new StopSteps()
        .then("the ingest port", () -> undeploy(ingestDeployment))
        .then("the pipeline", () -> pipeline == null ? Future.succeededFuture() : pipeline.stop())
        .then("enrichment", () -> enrichment == null ? Future.succeededFuture() : enrichment.close())
        .then("the relay", this::stopRelay)
        .then("the admin port", () -> undeploy(adminDeployment))
        .then("the admin pool", () -> close(adminPool))
        .then("the pipeline pool", () -> close(pipelinePool))
        .then("the ingest pool", () -> close(pool))
        .then("the embedded database", () -> embedded == null ? Future.succeededFuture()
            : vertx.executeBlocking(() -> {
              embedded.stop();
              return null;
            }))
        .done()
        .onSuccess(done -> LOG.info("Alertgate stopped"))
        .onFailure(failure -> LOG.error("Alertgate stopped, but {}", failure.getMessage()));
  }

  private Future<Void> stopRelay() {
    if (relay != null) {
      relay.stop();
    }
    if (breakers != null) {
      breakers.close();
    }
    return destinations == null ? Future.succeededFuture() : destinations.close();
  }

  private static Future<Void> close(Pool pool) {
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  private Future<Void> undeploy(String deployment) {
    if (deployment == null || !vertx.deploymentIDs().contains(deployment)) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(deployment);
  }
}
