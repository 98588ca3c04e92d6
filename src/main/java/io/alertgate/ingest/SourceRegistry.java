package io.alertgate.ingest;

import io.alertgate.config.AuthScheme;
import io.alertgate.config.EnvOverrides;
import io.alertgate.config.GatewayConfig;
import io.alertgate.config.SourceConfig;
import io.alertgate.ingest.auth.Authenticators;

import java.util.HashMap;
import java.util.Map;

/** The sources one ingest verticle serves, each with authenticators of its own (they hold Mac instances). */
final class SourceRegistry {

  private final Map<String, IngestSource> sources = new HashMap<>();

  SourceRegistry(GatewayConfig config) {
    long tolerance = config.ingest().timestampToleranceSecs();
    for (SourceConfig source : config.sources().values()) {
      String setting = EnvOverrides.credentialSetting(source.name(), source.auth().scheme() == AuthScheme.TOKEN);
      sources.put(source.name(), new IngestSource(source, Authenticators.forSource(source, tolerance, setting)));
    }
  }

  /** The source, or null for a name that is not configured. */
  IngestSource find(String name) {
    return sources.get(name);
  }
}
