package io.alertgate.enrich.provider;

import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.Set;

/** A threat-intelligence provider the enrichment stage can ask about indicators. */
public interface ProviderClient {

  /** The provider's name in the alert contract ("virustotal", "abuseipdb"). */
  String name();

  /** The kinds of indicator the provider is asked about. */
  Set<Indicator.Kind> kinds();

  default boolean serves(Indicator indicator) {
    return kinds().contains(indicator.kind());
  }

  /**
   * Asks the provider about one indicator. The future never fails: every way a lookup can end is an {@link Outcome}.
   *
   * @param deadline the lookup gives up then, whatever the client's own timeout
   */
  Future<Lookup> lookup(Indicator indicator, Instant deadline);

  /**
   * Whether the provider refused the key: from then on every lookup answers {@link Outcome#BAD_KEY} without asking,
   * since the key comes from the environment and a new one means a restart.
   */
  boolean keyRefused();

  /** The provider's circuit breaker, for connector health. */
  CircuitBreakerState breakerState();

  Future<Void> close();
}
