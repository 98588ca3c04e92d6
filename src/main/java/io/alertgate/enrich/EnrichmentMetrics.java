package io.alertgate.enrich;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code alertgate_enrichment_lookups_total{provider, outcome}}: every answer an indicator got, from the cache
 * ({@code cached}) or upstream (found, not_found, bad_key, rate_limited, unavailable, malformed, refused), or none
 * because the quota was spent ({@code quota}).
 */
final class EnrichmentMetrics {

  private final MeterRegistry registry;

  EnrichmentMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void looked(String provider, String outcome) {
    Counter.builder("alertgate.enrichment.lookups").description("Indicator lookups by provider and outcome")
        .tag("provider", provider).tag("outcome", outcome).register(registry).increment();
  }
}
