package io.alertgate.config;

import io.alertgate.alert.Severity;
import io.alertgate.config.AuthConfig.SignatureEncoding;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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

  private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Pattern POINTER = Pattern.compile("(/[^/]*)+");
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
        sources(config),
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

  private static Map<String, SourceConfig> sources(ConfigReader config) {
    JsonObject declared = config.section("sources");
    Map<String, SourceConfig> sources = new LinkedHashMap<>();
    for (Vendor vendor : List.of(Vendor.ELASTIC, Vendor.SENTINEL, Vendor.SPLUNK)) {
      sources.put(vendor.configName(), source(config, vendor.configName(), vendor));
    }
    for (String name : declared.fieldNames()) {
      if (!SOURCE_NAME.matcher(name).matches()) {
        throw new ConfigException("sources." + name, "is not a valid source name (lower-case letters, digits, - and _)");
      }
      if (!sources.containsKey(name)) {
        sources.put(name, source(config, name, null));
      }
    }
    return sources;
  }

  private static SourceConfig source(ConfigReader config, String name, Vendor builtIn) {
    String prefix = "sources." + name + ".";
    Vendor vendor = config.string(prefix + "vendor")
        .map(value -> Vendor.parse(config.name(prefix + "vendor"), value))
        .orElse(builtIn == null ? Vendor.GENERIC : builtIn);
    AuthConfig defaults = builtIn == null ? null : BuiltInSources.defaultAuth(builtIn);
    Optional<String> pointer = config.string(prefix + "dedup_pointer");
    pointer.filter(p -> !POINTER.matcher(p).matches()).ifPresent(p -> {
      throw new ConfigException(config.name(prefix + "dedup_pointer"), "must be a JSON pointer such as /event/id");
    });
    return new SourceConfig(name, vendor, auth(config, prefix + "auth.", defaults), pointer,
        mapping(config, prefix));
  }

  private static FieldMapping mapping(ConfigReader config, String prefix) {
    JsonObject fields = config.section(prefix + "mapping");
    Map<String, String> pointers = new LinkedHashMap<>();
    for (String field : fields.fieldNames()) {
      String key = prefix + "mapping." + field;
      if (!FieldMapping.FIELDS.contains(field)) {
        throw new ConfigException(key, "is not an alert field a mapping can set (" + String.join(", ",
            new java.util.TreeSet<>(FieldMapping.FIELDS)) + ")");
      }
      String pointer = config.string(key).orElse("");
      if (!POINTER.matcher(pointer).matches()) {
        throw new ConfigException(key, "must be a JSON pointer such as /alert/title");
      }
      pointers.put(field, pointer);
    }
    String severity = config.string(prefix + "default_severity").orElse("medium");
    if (!Severity.wireNames().contains(severity)) {
      throw new ConfigException(prefix + "default_severity",
          "must be one of " + String.join(", ", Severity.wireNames()));
    }
    return new FieldMapping(pointers, config.string(prefix + "default_title").orElse(null), severity);
  }

  private static AuthConfig auth(ConfigReader config, String prefix, AuthConfig defaults) {
    AuthScheme scheme = config.string(prefix + "type")
        .map(value -> AuthScheme.parse(config.name(prefix + "type"), value))
        .orElseGet(() -> {
          if (defaults == null) {
            throw new ConfigException(prefix + "type", "is required: hmac, standard-webhooks, token or none");
          }
          return defaults.scheme();
        });
    String header = config.string(prefix + "header").orElse(defaults == null ? null : defaults.header());
    SignatureEncoding encoding = config.string(prefix + "encoding")
        .map(value -> parseEncoding(config.name(prefix + "encoding"), value))
        .orElse(defaults == null ? SignatureEncoding.HEX : defaults.encoding());
    List<String> secrets = config.secretList(prefix + "secrets");
    List<String> tokens = config.secretList(prefix + "tokens");
    if (scheme == AuthScheme.HMAC && header == null) {
      throw new ConfigException(prefix + "header", "is required for hmac: the header that carries the signature");
    }
    if (scheme == AuthScheme.STANDARD_WEBHOOKS) {
      for (int i = 0; i < secrets.size(); i++) {
        if (!StandardWebhooksSecret.isValid(secrets.get(i))) {
          throw new ConfigException(config.name(prefix + "secrets") + "[" + i + "]",
              "is not a Standard Webhooks secret (whsec_ followed by base64)");
        }
      }
    }
    if (scheme == AuthScheme.TOKEN && !secrets.isEmpty() && header == null) {
      throw new ConfigException(prefix + "header", "is required when a token source also has signing secrets");
    }
    return new AuthConfig(scheme, header, encoding, new ArrayList<>(secrets), tokens);
  }

  private static SignatureEncoding parseEncoding(String key, String value) {
    return switch (value.toLowerCase()) {
      case "hex" -> SignatureEncoding.HEX;
      case "base64" -> SignatureEncoding.BASE64;
      default -> throw new ConfigException(key, "must be hex or base64, got '" + value + "'");
    };
  }
}
