package io.alertgate.enrich;

import io.alertgate.config.EnrichmentSettings;
import io.alertgate.config.PipelineSettings;
import io.alertgate.enrich.cache.CachePolicies;
import io.alertgate.enrich.cache.CachePolicy;
import io.alertgate.enrich.cache.LookupCache;
import io.alertgate.enrich.provider.AbuseIpDbClient;
import io.alertgate.enrich.provider.ProviderClient;
import io.alertgate.enrich.provider.ProviderOptions;
import io.alertgate.enrich.provider.VirusTotalClient;
import io.alertgate.enrich.quota.QuotaBudget;
import io.alertgate.enrich.quota.QuotaLeft;
import io.alertgate.enrich.quota.QuotaLimits;
import io.alertgate.enrich.quota.QuotaWatch;
import io.alertgate.enrich.scope.LookupScope;
import io.alertgate.enrich.verdict.VerdictRules;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The enrichment stage made from its settings: a client per provider that has a key, the shared cache and quota,
 * and their upkeep on timers (the quota read for metrics and health, expired answers purged) until {@link #close()}.
 * With no key at all there is no stage, and alerts go from normalization straight to routing.
 */
public final class Enrichment {

  // Often enough for a dashboard and for health to show a pause within seconds; one small query per provider.
  private static final Duration QUOTA_READ_EVERY = Duration.ofSeconds(5);
  // Soon after start, not during it; then each minute, a thousand rows a delete so none holds many locks for long.
  private static final Duration PURGE_FIRST = Duration.ofSeconds(2);
  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
  private static final int PURGE_BATCH = 1_000;

  private final EnrichStage stage;
  private final List<ProviderClient> providers;
  // Read by health; kept here also because the quota gauges hold the watch only weakly.
  private final QuotaWatch quota;
  private final List<RecurringTask> upkeep;

  private Enrichment(EnrichStage stage, List<ProviderClient> providers, QuotaWatch quota,
                     List<RecurringTask> upkeep) {
    this.stage = stage;
    this.providers = providers;
    this.quota = quota;
    this.upkeep = upkeep;
  }

  public static Optional<Enrichment> of(Vertx vertx, Pool pool, EnrichmentSettings settings,
                                        PipelineSettings pipeline, MeterRegistry registry) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    List<ProviderClient> providers = new ArrayList<>();
    Map<String, QuotaLimits> limits = new LinkedHashMap<>();
    Map<String, CachePolicy> policies = new LinkedHashMap<>();
    add(settings.virusTotal(), VirusTotalClient.NAME, providers, limits, policies,
        (key, options) -> new VirusTotalClient(vertx, settings.virusTotal().baseUrl(), key, options,
            Clock.systemUTC()));
    add(settings.abuseIpDb(), AbuseIpDbClient.NAME, providers, limits, policies,
        (key, options) -> new AbuseIpDbClient(vertx, settings.abuseIpDb().baseUrl(), key, options,
            Clock.systemUTC()));
    LookupCache cache = new LookupCache(pool);
    QuotaBudget budget = new QuotaBudget(pool, limits);
    Enricher enricher = new Enricher(vertx, providers, new LookupScope(settings.internalDomains()), cache,
        new CachePolicies(policies), budget, new VerdictRules(settings.thresholds()), new EnrichmentMetrics(registry));
    QuotaWatch quota = new QuotaWatch(budget, limits, registry);
    List<RecurringTask> upkeep = List.of(
        RecurringTask.start(vertx, "Reading the enrichment quota", Duration.ZERO, QUOTA_READ_EVERY, quota::refresh),
        RecurringTask.start(vertx, "Purging expired enrichment answers", PURGE_FIRST, PURGE_EVERY,
            () -> cache.purgeAllExpired(PURGE_BATCH)));
    return Optional.of(new Enrichment(new EnrichStage(pool, enricher, settings.timeBudget(),
        pipeline.sweepIntervalMs(), pipeline.graceSeconds()), List.copyOf(providers), quota, upkeep));
  }

  private interface ClientMaker {
    ProviderClient make(String key, ProviderOptions options);
  }

  private static void add(EnrichmentSettings.Provider provider, String name, List<ProviderClient> providers,
                          Map<String, QuotaLimits> limits, Map<String, CachePolicy> policies, ClientMaker maker) {
    if (!provider.enabled()) {
      return;
    }
    ProviderOptions defaults = ProviderOptions.DEFAULTS;
    ProviderOptions options = new ProviderOptions(provider.timeout(), defaults.maxBody(), defaults.breakerFailures(),
        defaults.breakerWindow(), defaults.breakerOpenFor());
    providers.add(maker.make(provider.apiKey().orElseThrow().value(), options));
    // A provider counted by the day only (AbuseIPDB) has no budget by the minute: 0 in the settings.
    limits.put(name, new QuotaLimits(provider.perMinute() == 0 ? Integer.MAX_VALUE : provider.perMinute(),
        provider.perDay()));
    policies.put(name, new CachePolicy(provider.cacheFound(), provider.cacheNotFound(), Duration.ofMinutes(5)));
  }

  public EnrichStage stage() {
    return stage;
  }

  /**
   * Each provider's health in connector health's terms: off without a key, unhealthy once its key was refused or
   * while its breaker is open, degraded while the provider pauses it by its own answer (a 429: as last read, within
   * seconds) or while its breaker probes, else healthy.
   */
  public static List<ProviderHealth> health(EnrichmentSettings settings, Optional<Enrichment> running) {
    List<ProviderHealth> all = new ArrayList<>();
    Map<String, ProviderClient> on = new LinkedHashMap<>();
    running.ifPresent(enrichment -> enrichment.providers.forEach(provider -> on.put(provider.name(), provider)));
    for (String name : List.of(VirusTotalClient.NAME, AbuseIpDbClient.NAME)) {
      ProviderClient provider = on.get(name);
      if (provider == null) {
        String variable = name.equals(VirusTotalClient.NAME) ? "VIRUSTOTAL_API_KEY" : "ABUSEIPDB_API_KEY";
        all.add(new ProviderHealth(name, "degraded", "off: no API key (" + variable + ")"));
      } else {
        all.add(running.orElseThrow().healthOf(provider));
      }
    }
    return all;
  }

  private ProviderHealth healthOf(ProviderClient provider) {
    String name = provider.name();
    if (provider.keyRefused()) {
      return new ProviderHealth(name, "unhealthy", "the provider refused the API key; set a valid one and restart");
    }
    if (provider.breakerState() == CircuitBreakerState.OPEN) {
      return new ProviderHealth(name, "unhealthy", "circuit breaker open: the provider is not answering");
    }
    Optional<QuotaLeft> pause = quota.pause(name);
    if (pause.isPresent()) {
      String reason = pause.get().pauseReason();
      return new ProviderHealth(name, "degraded", "paused by the provider until " + pause.get().pausedUntil()
          + (reason == null ? "" : ": " + reason));
    }
    return provider.breakerState() == CircuitBreakerState.HALF_OPEN
        ? new ProviderHealth(name, "degraded", "circuit breaker half-open, a probe is under way")
        : new ProviderHealth(name, "healthy", "answering");
  }

  /** A provider as connector health lists it: {@code status} is healthy, degraded or unhealthy. */
  public record ProviderHealth(String name, String status, String message) {}

  public Future<Void> close() {
    upkeep.forEach(RecurringTask::stop);
    return Future.join(providers.stream().map(ProviderClient::close).toList()).mapEmpty();
  }
}
