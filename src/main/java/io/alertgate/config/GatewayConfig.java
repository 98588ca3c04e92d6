package io.alertgate.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's settings, parsed and checked once from the merged YAML tree and environment.
 *
 * @param httpPort          ingest port
 * @param httpInstances     ingest verticle instances (one per core unless set)
 * @param maxBodyBytes      largest webhook body accepted
 * @param bodyTimeoutSeconds time allowed for a whole body to arrive
 * @param adminPort         admin port
 * @param database          storage
 * @param ingest            ingest tuning
 * @param sources           every source by name, built-in ones first
 * @param shutdownDelaySeconds time between readiness turning 503 and the ingest port closing, on SIGTERM
 * @param pipeline          normalization settings
 * @param adminToken        the admin API's bearer token; generated on first start when not set
 */
public record GatewayConfig(int httpPort, int httpInstances, int maxBodyBytes, int bodyTimeoutSeconds, int adminPort,
                            DatabaseConfig database, IngestSettings ingest, Map<String, SourceConfig> sources,
                            int shutdownDelaySeconds, PipelineSettings pipeline, Optional<SecretValue> adminToken) {

  /**
   * @param enabled         run normalization in this process (off: ingest only; another instance normalizes)
   * @param sweepIntervalMs how often the recovery sweeper looks for events nobody processed
   * @param graceSeconds    how old an unprocessed event must be before the sweeper takes it from the fast path
   */
  public record PipelineSettings(boolean enabled, int sweepIntervalMs, int graceSeconds) {}

  /**
   * @param generateSecrets         create and print secrets on a first start without any
   * @param batchMaxRows            rows in one group-commit INSERT at most
   * @param maxPending              requests waiting for a commit, per ingest verticle, before 503
   * @param maxPendingBytes         bytes of bodies waiting for a commit, per ingest verticle, before 503
   * @param timestampToleranceSecs  Standard Webhooks timestamp window
   */
  public record IngestSettings(boolean generateSecrets, int batchMaxRows, int maxPending, long maxPendingBytes,
                               int timestampToleranceSecs) {}

  private static final int MAX_PORT = 65_535;
  private static final int MIN_ADMIN_TOKEN = 16;

  public static GatewayConfig parse(JsonObject yaml, Map<String, String> env) {
    ConfigReader config = new ConfigReader(EnvOverrides.apply(yaml, env), env);
    int cores = Runtime.getRuntime().availableProcessors();
    return new GatewayConfig(
        config.integer("http.port", 8080, 0, MAX_PORT),
        config.integer("http.instances", cores, 1, 256),
        config.integer("http.max_body_bytes", 1024 * 1024, 1024, 64 * 1024 * 1024),
        config.integer("http.body_timeout_seconds", 30, 1, 3600),
        config.integer("admin.port", 9090, 0, MAX_PORT),
        database(config),
        new IngestSettings(
            config.bool("ingest.generate_secrets", true),
            config.integer("ingest.batch_max_rows", 512, 1, 10_000),
            config.integer("ingest.max_pending", 20_000, 1, 1_000_000),
            config.integer("ingest.max_pending_mib", 256, 1, 65_536) * 1024L * 1024L,
            config.integer("ingest.timestamp_tolerance_seconds", 300, 1, 86_400)),
        SourceSettings.read(config),
        config.integer("shutdown.delay_seconds", 2, 0, 300),
        new PipelineSettings(
            config.bool("pipeline.enabled", true),
            config.integer("pipeline.sweep_interval_ms", 2_000, 10, 3_600_000),
            config.integer("pipeline.grace_seconds", 5, 0, 86_400)),
        adminToken(config));
  }

  public GatewayConfig withSources(Map<String, SourceConfig> newSources) {
    return new GatewayConfig(httpPort, httpInstances, maxBodyBytes, bodyTimeoutSeconds, adminPort, database, ingest,
        newSources, shutdownDelaySeconds, pipeline, adminToken);
  }

  private static DatabaseConfig database(ConfigReader config) {
    Optional<DatabaseConfig.Endpoint> external = config.string("database.url")
        .map(url -> DatabaseConfig.parseUrl(config.name("database.url"), url));
    Path dataDir = Path.of(config.string("database.data_dir").orElse("./data")).toAbsolutePath().normalize();
    return new DatabaseConfig(external, dataDir, config.integer("database.pool_size", 16, 1, 200),
        config.bool("database.require_fsync", true));
  }

  private static Optional<SecretValue> adminToken(ConfigReader config) {
    Optional<String> token = config.string("admin.token");
    if (token.isPresent() && token.get().length() < MIN_ADMIN_TOKEN) {
      throw new ConfigException(config.name("admin.token"), "must be at least " + MIN_ADMIN_TOKEN + " characters");
    }
    return token.map(SecretValue::new);
  }
}
