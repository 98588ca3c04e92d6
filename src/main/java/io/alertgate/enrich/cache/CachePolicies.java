package io.alertgate.enrich.cache;

import java.time.Duration;
import java.util.Map;

/** Each provider's {@link CachePolicy}; a provider not named keeps its answers by {@link CachePolicy#DEFAULT}. */
public record CachePolicies(Map<String, CachePolicy> byProvider) {

  public CachePolicies {
    byProvider = Map.copyOf(byProvider);
  }

  public CachePolicy of(String provider) {
    return byProvider.getOrDefault(provider, CachePolicy.DEFAULT);
  }

  public Duration ttl(String provider, String outcome) {
    return of(provider).ttl(outcome);
  }
}
