package io.alertgate.normalize;

import io.alertgate.config.GatewayConfig;
import io.alertgate.config.SourceConfig;
import io.alertgate.normalize.elastic.ElasticNormalizer;
import io.alertgate.normalize.generic.GenericNormalizer;
import io.alertgate.normalize.sentinel.SentinelNormalizer;
import io.alertgate.normalize.splunk.SplunkNormalizer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Which normalizer reads which source's events: one registry line per vendor. */
public final class VendorNormalizers {

  private final Map<String, Normalizer> bySource = new HashMap<>();

  public VendorNormalizers(GatewayConfig config) {
    for (SourceConfig source : config.sources().values()) {
      bySource.put(source.name(), forSource(source));
    }
  }

  /** The sources this gateway normalizes. */
  public String[] sources() {
    return bySource.keySet().toArray(String[]::new);
  }

  public Optional<Normalizer> forSource(String source) {
    return Optional.ofNullable(bySource.get(source));
  }

  private static Normalizer forSource(SourceConfig source) {
    return switch (source.vendor()) {
      case ELASTIC -> new ElasticNormalizer();
      case SENTINEL -> new SentinelNormalizer();
      case SPLUNK -> new SplunkNormalizer();
      case GENERIC -> new GenericNormalizer(source.mapping());
    };
  }
}
