package io.alertgate.config;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The gateway's settings, parsed and checked once from the merged YAML tree and environment, one record a section.
 *
 * @param http     the ingest port and what it accepts
 * @param admin    the admin port and its token
 * @param database storage
 * @param ingest   ingest tuning
 * @param pipeline normalization settings
 * @param shutdown how a SIGTERM drains
 * @param sources  every source by name, built-in ones first
 * @param relay    how deliveries are tried and where they may go
 * @param destinations every destination by name, as configured
 * @param routing  which destinations each alert goes to
 * @param enrichment which threat-intelligence providers are asked about indicators, and within what limits
 * @param logging  how much is logged, overall and per logger
 */
public record GatewayConfig(HttpSettings http, AdminSettings admin, DatabaseConfig database, IngestSettings ingest,
                            PipelineSettings pipeline, ShutdownSettings shutdown, Map<String, SourceConfig> sources,
                            RelaySettings relay, Map<String, DestinationConfig> destinations,
                            RoutingSettings routing, EnrichmentSettings enrichment, LoggingSettings logging) {

  /** Every key the sections declare, in the order they are read. */
  static final List<ConfigKey> KEYS = Stream.of(HttpSettings.KEYS, AdminSettings.KEYS, DatabaseConfig.KEYS,
      IngestSettings.KEYS, PipelineSettings.KEYS, ShutdownSettings.KEYS, SourceSettings.KEYS, RelaySettings.KEYS,
      DestinationSettings.KEYS, EnrichmentSettings.KEYS, RoutingSettings.KEYS, LoggingSettings.KEYS)
      .flatMap(List::stream)
      .toList();

  public static GatewayConfig parse(JsonObject yaml, Map<String, String> env) {
    return read(new ConfigReader(EnvOverrides.apply(yaml, env), env));
  }

  static GatewayConfig read(ConfigReader config) {
    HttpSettings http = HttpSettings.read(config);
    AdminSettings admin = AdminSettings.read(config);
    DatabaseConfig database = DatabaseConfig.read(config);
    IngestSettings ingest = IngestSettings.read(config);
    PipelineSettings pipeline = PipelineSettings.read(config);
    ShutdownSettings shutdown = ShutdownSettings.read(config);
    Map<String, SourceConfig> sources = SourceSettings.read(config);
    RelaySettings relay = RelaySettings.read(config);
    Map<String, DestinationConfig> destinations = DestinationSettings.read(config);
    EnrichmentSettings enrichment = EnrichmentSettings.read(config);
    LoggingSettings logging = LoggingSettings.read(config);
    // Last: its rules name sources and destinations.
    RoutingSettings routing = RoutingSettings.read(config, sources.keySet(), destinations.keySet());
    return new GatewayConfig(http, admin, database, ingest, pipeline, shutdown, sources, relay, destinations, routing,
        enrichment, logging);
  }

  public GatewayConfig withSources(Map<String, SourceConfig> newSources) {
    return new GatewayConfig(http, admin, database, ingest, pipeline, shutdown, newSources, relay, destinations,
        routing, enrichment, logging);
  }
}
