package io.alertgate.enrich.quota;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Each provider's quota as last read from {@code enrichment_quota}, for metrics and connector health: read by
 * {@link #refresh()} on a timer, so that neither a scrape nor a health request queries the database or waits.
 *
 * <p>Gauges, for every instance sharing the database: {@code alertgate_enrichment_quota_remaining{provider, window}},
 * lookups left this minute ({@code window="minute"}) and today ({@code window="day"}); and
 * {@code alertgate_enrichment_quota_paused{provider}}, 1 while the provider's own answer (a 429, Retry-After) pauses
 * it, else 0. A window without a budget (AbuseIPDB's minute, by default) has no gauge: its "remaining" would be
 * 2^31 - 1, a figure nobody should graph or alert on. The gauges are NaN before the first reading and after a reading
 * failed: an old figure would hide a spent quota.
 */
public final class QuotaWatch {

  private static final String REMAINING = "alertgate.enrichment.quota.remaining";

  private final QuotaBudget budget;
  private final Clock clock;
  private final List<String> providers;
  // A provider is absent until its first reading, and again after a reading failed.
  private final Map<String, QuotaLeft> readings = new ConcurrentHashMap<>();

  /** Watches the providers that have limits here, with their gauges in {@code registry}. */
  public QuotaWatch(QuotaBudget budget, Map<String, QuotaLimits> limits, MeterRegistry registry) {
    this(budget, limits, registry, Clock.systemUTC());
  }

  QuotaWatch(QuotaBudget budget, Map<String, QuotaLimits> limits, MeterRegistry registry, Clock clock) {
    this.budget = budget;
    this.clock = clock;
    this.providers = List.copyOf(limits.keySet());
    limits.forEach((provider, limit) -> {
      if (limit.perMinute() != Integer.MAX_VALUE) {
        remainingGauge(registry, provider, "minute", QuotaLeft::minute);
      }
      if (limit.perDay() != Integer.MAX_VALUE) {
        remainingGauge(registry, provider, "day", QuotaLeft::day);
      }
      Gauge.builder("alertgate.enrichment.quota.paused", this, watch -> watch.pausedLevel(provider))
          .description("1 while the provider has paused lookups by its own answer (429, Retry-After), else 0")
          .tag("provider", provider)
          .register(registry);
    });
  }

  private void remainingGauge(MeterRegistry registry, String provider, String window, ToIntFunction<QuotaLeft> left) {
    Gauge.builder(REMAINING, this, watch -> {
          QuotaLeft reading = watch.readings.get(provider);
          return reading == null ? Double.NaN : left.applyAsInt(reading);
        })
        .description("Lookups the provider's budget has left in the window, for all instances")
        .tag("provider", provider)
        .tag("window", window)
        .register(registry);
  }

  /** Reads every provider's quota; a provider whose reading failed is unknown until the next one succeeds. */
  public Future<Void> refresh() {
    return Future.join(providers.stream().map(provider -> budget.remaining(provider)
            .onSuccess(left -> readings.put(provider, left))
            .onFailure(failed -> readings.remove(provider)))
        .toList()).mapEmpty();
  }

  /** The provider's pause by its own answer, as last read, while it lasts; empty when it is not paused or unknown. */
  public Optional<QuotaLeft> pause(String provider) {
    QuotaLeft reading = readings.get(provider);
    return reading != null && reading.paused() && reading.pausedUntil().isAfter(clock.instant())
        ? Optional.of(reading) : Optional.empty();
  }

  private double pausedLevel(String provider) {
    if (!readings.containsKey(provider)) {
      return Double.NaN;
    }
    return pause(provider).isPresent() ? 1 : 0;
  }
}
