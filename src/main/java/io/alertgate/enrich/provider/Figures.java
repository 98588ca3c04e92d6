package io.alertgate.enrich.provider;

import io.vertx.core.json.JsonObject;

/**
 * What a provider said of an indicator it knows. Written with the field names of the alert contract's enrichment
 * results, so the stage can store and show them as they are, and read back from that form (the cache).
 */
public sealed interface Figures permits VirusTotalFigures, AbuseIpDbFigures {

  JsonObject toJson();

  /** The figures a provider's stored JSON holds. */
  static Figures fromJson(String provider, JsonObject json) {
    return switch (provider) {
      case VirusTotalClient.NAME -> VirusTotalFigures.fromJson(json);
      case AbuseIpDbClient.NAME -> AbuseIpDbFigures.fromJson(json);
      default -> throw new IllegalArgumentException("no provider " + provider);
    };
  }
}
