package io.alertgate.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.enrich.cache.CachePolicies;
import io.alertgate.enrich.cache.CachedResult;
import io.alertgate.enrich.cache.LookupCache;
import io.alertgate.enrich.cache.LookupKey;
import io.alertgate.enrich.cache.SingleFlight;
import io.alertgate.enrich.provider.AbuseIpDbFigures;
import io.alertgate.enrich.provider.Figures;
import io.alertgate.enrich.provider.Indicator;
import io.alertgate.enrich.provider.Lookup;
import io.alertgate.enrich.provider.ProviderClient;
import io.alertgate.enrich.provider.VirusTotalFigures;
import io.alertgate.enrich.quota.QuotaBudget;
import io.alertgate.enrich.scope.AlertScope;
import io.alertgate.enrich.scope.Disposition;
import io.alertgate.enrich.scope.LookupScope;
import io.alertgate.enrich.scope.ScopedIndicator;
import io.alertgate.enrich.verdict.IndicatorFigures;
import io.alertgate.enrich.verdict.Verdict;
import io.alertgate.enrich.verdict.VerdictRules;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enriches one alert's indicators: what may leave the network is asked of each provider that serves its kind,
 * from the cache when it can (shared by every instance), else through the quota and one upstream call however many
 * alerts ask at once. The alert waits at most its time budget: what has not come by then is left to a later pass,
 * which finds it in the cache, since a lookup goes on after the alert has moved on.
 */
final class Enricher {

  // A later pass for lookups still running when the alert moved on: when they have most likely answered.
  private static final Duration LATE_PASS = Duration.ofSeconds(3);

  private final Vertx vertx;
  private final List<ProviderClient> providers;
  private final LookupScope scope;
  private final LookupCache cache;
  private final CachePolicies policies;
  private final QuotaBudget quota;
  private final VerdictRules verdicts;
  private final EnrichmentMetrics metrics;
  private final SingleFlight<LookupKey, Attempt> inFlight = new SingleFlight<>();

  Enricher(Vertx vertx, List<ProviderClient> providers, LookupScope scope, LookupCache cache, CachePolicies policies,
           QuotaBudget quota, VerdictRules verdicts, EnrichmentMetrics metrics) {
    this.vertx = vertx;
    this.providers = List.copyOf(providers);
    this.scope = scope;
    this.cache = cache;
    this.policies = policies;
    this.quota = quota;
    this.verdicts = verdicts;
    this.metrics = metrics;
  }

  /**
   * The enrichment of an alert with these indicators, as its document carries it, and when to look again for what
   * is still missing (empty when nothing is).
   */
  record Enrichment(JsonObject json, Optional<Instant> again) {}

  /** A question for one provider about one indicator. */
  private record Question(ScopedIndicator indicator, ProviderClient provider, LookupKey key) {}

  Future<Enrichment> enrich(JsonNode indicators, Duration budget, Instant deadline) {
    AlertScope scoped = scope.of(indicators);
    List<Question> questions = new ArrayList<>();
    JsonArray skipped = new JsonArray();
    for (ScopedIndicator indicator : scoped.indicators()) {
      for (ProviderClient provider : providers) {
        if (!provider.kinds().contains(kind(indicator))) {
          continue;
        }
        if (indicator.disposition() == Disposition.SKIPPED_PRIVATE) {
          skipped.add(new JsonObject().put("indicator", indicator.value()).put("provider", provider.name())
              .put("status", "skipped_private"));
        } else if (indicator.mayLookUp()) {
          questions.add(new Question(indicator, provider,
              new LookupKey(provider.name(), indicator.kind().wireName(), indicator.query())));
        }
      }
    }
    if (questions.isEmpty()) {
      return Future.succeededFuture(new Enrichment(enrichment("skipped", skipped, List.of(), Map.of()),
          Optional.empty()));
    }
    return cache.getAll(questions.stream().map(Question::key).toList()).compose(hits -> {
      Map<Question, Future<Attempt>> asked = new LinkedHashMap<>();
      for (Question question : questions) {
        CachedResult hit = hits.get(question.key());
        asked.put(question, hit != null ? Future.succeededFuture(cached(question, hit))
            : inFlight.run(question.key(), () -> rememberedOrAsked(question, deadline)));
      }
      return within(asked, budget).map(answered -> settle(answered, questions, skipped));
    });
  }

  /** The answers that came within the budget; the other lookups go on, into the cache. */
  private Future<Map<Question, Attempt>> within(Map<Question, Future<Attempt>> asked, Duration budget) {
    Promise<Map<Question, Attempt>> done = Promise.promise();
    Runnable collect = () -> {
      Map<Question, Attempt> answered = new LinkedHashMap<>();
      asked.forEach((question, attempt) -> {
        if (attempt.succeeded()) {
          answered.put(question, attempt.result());
        }
      });
      done.tryComplete(answered);
    };
    long timer = vertx.setTimer(Math.max(1, budget.toMillis()), fired -> collect.run());
    Future.join(new ArrayList<>(asked.values())).onComplete(all -> {
      vertx.cancelTimer(timer);
      collect.run();
    });
    return done.future();
  }

  private Enrichment settle(Map<Question, Attempt> answered, List<Question> questions, JsonArray skipped) {
    JsonArray results = skipped.copy();
    Map<String, IndicatorFigures> figures = new LinkedHashMap<>();
    Instant again = null;
    int usable = 0;
    int failed = 0;
    for (Question question : questions) {
      Attempt attempt = answered.get(question);
      if (attempt == null) {
        again = earlier(again, Instant.now().plus(LATE_PASS));
        continue;
      }
      results.add(result(question, attempt));
      if (attempt.figures() != null) {
        figures.merge(question.indicator().value(), figuresOf(attempt.figures()), Enricher::combined);
      }
      if (attempt.status().equals(Attempt.QUOTA)) {
        again = earlier(again, attempt.retryAt() == null ? Instant.now().plus(LATE_PASS) : attempt.retryAt());
      } else if (attempt.status().equals(Attempt.ERROR)) {
        failed++;
      } else {
        usable++;
      }
    }
    String status = again != null ? "partial" : usable == 0 && failed > 0 ? "failed" : failed > 0 ? "partial"
        : "complete";
    return new Enrichment(enrichment(status, results, questions, figures), Optional.ofNullable(again));
  }

  private JsonObject enrichment(String status, JsonArray results, List<Question> questions,
                                Map<String, IndicatorFigures> figures) {
    Verdict verdict = verdicts.ofAlert(figures.values());
    return new JsonObject().put("status", status).put("results", results).put("verdict", verdict.wireName());
  }

  private static JsonObject result(Question question, Attempt attempt) {
    JsonObject result = attempt.figures() == null ? new JsonObject() : attempt.figures().toJson().copy();
    result.put("indicator", question.indicator().value()).put("provider", question.provider().name())
        .put("status", attempt.status());
    if (attempt.checkedAt() != null) {
      result.put("checked_at", attempt.checkedAt().toString());
    }
    return result;
  }

  private Attempt cached(Question question, CachedResult hit) {
    metrics.looked(question.provider().name(), Attempt.CACHED);
    if (hit.result() == null || hit.result().isEmpty()) {
      return new Attempt(Attempt.NOT_FOUND, null, hit.lookedUpAt(), null, null);
    }
    return new Attempt(Attempt.CACHED, Figures.fromJson(question.provider().name(), hit.result()), hit.lookedUpAt(),
        null, null);
  }

  /**
   * An answer that landed in memory after this alert's cache read (another alert's call, over and forgotten by the
   * single flight meanwhile), else one upstream call: without this look, that read's miss would ask again.
   */
  private Future<Attempt> rememberedOrAsked(Question question, Instant deadline) {
    CachedResult landed = cache.remembered(question.key());
    return landed != null ? Future.succeededFuture(cached(question, landed)) : ask(question, deadline);
  }

  /** One upstream call, if the quota allows it; its answer cached for the others. */
  private Future<Attempt> ask(Question question, Instant deadline) {
    String provider = question.provider().name();
    return quota.tryTake(provider).compose(grant -> {
      if (!grant.granted()) {
        metrics.looked(provider, Attempt.QUOTA);
        return Future.succeededFuture(Attempt.quota(grant.retryAt(), provider + " budget spent"));
      }
      Indicator indicator = new Indicator(Indicator.Kind.valueOf(question.indicator().kind().name()),
          question.indicator().query());
      return question.provider().lookup(indicator, deadline).compose(lookup -> answered(question, lookup));
    });
  }

  private Future<Attempt> answered(Question question, Lookup lookup) {
    String provider = question.provider().name();
    metrics.looked(provider, lookup.outcome().wireName());
    return switch (lookup.outcome()) {
      case FOUND -> cache.put(question.key(), "found", lookup.figures().toJson(),
              policies.ttl(provider, "found"))
          .transform(stored -> Future.succeededFuture(new Attempt(Attempt.OK, lookup.figures(), lookup.checkedAt(),
              null, null)));
      case NOT_FOUND -> cache.put(question.key(), "not_found", new JsonObject(), policies.ttl(provider, "not_found"))
          .transform(stored -> Future.succeededFuture(new Attempt(Attempt.NOT_FOUND, null, lookup.checkedAt(), null,
              null)));
      case RATE_LIMITED -> {
        Instant until = lookup.rateLimit().resumeAt().orElse(Instant.now().plus(Duration.ofMinutes(1)));
        yield quota.pauseUntil(provider, until, lookup.detail() == null ? "rate limited" : lookup.detail())
            .transform(paused -> Future.succeededFuture(Attempt.quota(until, lookup.detail())));
      }
      default -> Future.succeededFuture(Attempt.error(lookup.detail(), lookup.checkedAt()));
    };
  }

  private static IndicatorFigures figuresOf(Figures figures) {
    if (figures instanceof VirusTotalFigures vt) {
      return IndicatorFigures.virusTotal(vt.malicious(), vt.suspicious());
    }
    return IndicatorFigures.abuseIpDb(((AbuseIpDbFigures) figures).abuseConfidenceScore());
  }

  private static IndicatorFigures combined(IndicatorFigures a, IndicatorFigures b) {
    IndicatorFigures both = a;
    if (b.virusTotal().isPresent()) {
      both = both.withVirusTotal(b.virusTotal().get().malicious(), b.virusTotal().get().suspicious());
    }
    if (b.abuseConfidenceScore().isPresent()) {
      both = both.withAbuseIpDb(b.abuseConfidenceScore().getAsInt());
    }
    return both;
  }

  private static Indicator.Kind kind(ScopedIndicator indicator) {
    return Indicator.Kind.valueOf(indicator.kind().name());
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}
