package io.alertgate.enrich.provider;

import io.alertgate.net.ConcurrencyLimit;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every provider client shares: one web client and one circuit breaker per provider, a time limit per lookup,
 * a body read up to a bound, and one classification of answers into {@link Outcome}s. A provider adds its request
 * and how to read its figures and its error code.
 *
 * <p>Only unavailable lookups count against the breaker: a quota, a refused key or an unknown indicator says nothing
 * about whether the provider is up. While the breaker is open a lookup answers {@link Outcome#UNAVAILABLE} at once.
 * The breaker's own handlers only log, so they take no lock of this class while Vert.x holds the breaker's.
 */
abstract class HttpProviderClient implements ProviderClient {

  private static final Logger LOG = LoggerFactory.getLogger(HttpProviderClient.class);
  // A provider's own words in a detail are cut here: health shows a sentence, not a document.
  private static final int DETAIL_CHARS = 200;
  private static final int CONNECTIONS = 64;

  private final String name;
  private final String shownName;
  private final Set<Indicator.Kind> kinds;
  private final String base;
  private final String key;
  private final ProviderOptions options;
  private final Clock clock;
  private final WebClient web;
  private final ConcurrencyLimit limit;
  private final CircuitBreaker breaker;
  private final AtomicBoolean keyRefused = new AtomicBoolean();

  /** Thrown into the breaker so it counts the lookup as failed; carries the lookup out again. */
  private static final class Unavailable extends RuntimeException {
    private final transient Lookup lookup;

    Unavailable(Lookup lookup) {
      super(null, null, false, false);
      this.lookup = lookup;
    }
  }

  /**
   * @param shownName the provider as logs and details name it ("VirusTotal")
   * @param baseUrl   scheme, host and port, as from {@code VIRUSTOTAL_BASE_URL}; a path in it is kept as a prefix
   */
  HttpProviderClient(Vertx vertx, String name, String shownName, Set<Indicator.Kind> kinds, String baseUrl, String key,
                     ProviderOptions options, Clock clock) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(shownName + " needs an API key");
    }
    this.name = name;
    this.shownName = shownName;
    this.kinds = Set.copyOf(kinds);
    this.base = checkedBase(shownName, baseUrl);
    this.key = key;
    this.options = options;
    this.clock = clock;
    // Vert.x's default of 5 connections queued lookups behind each other until they timed out (measured with
    // bench/relay.sh's enrichment mode: the breaker opened under load); a paid tier answers many at once.
    this.limit = new ConcurrencyLimit(vertx, CONNECTIONS);
    this.web = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setKeepAlive(true)
        .setUserAgent("alertgate"), new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    this.breaker = CircuitBreaker.create("alertgate-enrich-" + name, vertx, new CircuitBreakerOptions()
            .setMaxFailures(options.breakerFailures())
            .setFailuresRollingWindow(options.breakerWindow().toMillis())
            .setResetTimeout(options.breakerOpenFor().toMillis())
            // The lookup keeps its own time limit, and answers rather than fails when it runs out.
            .setTimeout(-1)
            .setNotificationAddress(null))
        .openHandler(opened -> LOG.warn("{} is unavailable: its breaker is open for {} s", shownName,
            options.breakerOpenFor().toSeconds()))
        .closeHandler(closed -> LOG.info("{} answers again: its breaker is closed", shownName));
  }

  private static String checkedBase(String shownName, String baseUrl) {
    URI uri;
    try {
      uri = URI.create(baseUrl.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(shownName + "'s base URL is not a URL");
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(shownName + "'s base URL must be http(s)://host[:port][/path]");
    }
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /** The request for one indicator, on {@code base} (no trailing slash), with the key in its header. */
  abstract HttpRequest<Buffer> request(WebClient web, String base, String key, Indicator indicator);

  /** The figures of a 2xx answer's body; {@link BodyShape.Unreadable} when it is not the documented shape. */
  abstract Figures figures(JsonObject body);

  /** The provider's code or words for an error, from an error answer's body, when it gave them. */
  abstract Optional<String> errorCode(JsonObject body);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<Indicator.Kind> kinds() {
    return kinds;
  }

  @Override
  public final boolean keyRefused() {
    return keyRefused.get();
  }

  @Override
  public final CircuitBreakerState breakerState() {
    return breaker.state();
  }

  @Override
  public final Future<Lookup> lookup(Indicator indicator, Instant deadline) {
    Instant now = clock.instant();
    if (!serves(indicator)) {
      return Future.succeededFuture(failed(indicator, Outcome.REFUSED, RateLimit.NONE,
          shownName + " is not asked about " + indicator.kind().wireName() + " indicators", now));
    }
    if (keyRefused.get()) {
      return Future.succeededFuture(failed(indicator, Outcome.BAD_KEY, RateLimit.NONE,
          shownName + " refused the API key earlier", now));
    }
    long budgetMs = Math.min(options.timeout().toMillis(), Duration.between(now, deadline).toMillis());
    if (budgetMs < 1) {
      // Not the provider's fault, so outside the breaker.
      return Future.succeededFuture(failed(indicator, Outcome.UNAVAILABLE, RateLimit.NONE,
          "no time left to ask " + shownName, now));
    }
    return breaker.<Lookup>execute(() -> limited(indicator, deadline, budgetMs).compose(lookup ->
            lookup.outcome() == Outcome.UNAVAILABLE ? Future.failedFuture(new Unavailable(lookup))
                : Future.succeededFuture(lookup)))
        .recover(failure -> Future.succeededFuture(failure instanceof Unavailable unavailable ? unavailable.lookup
            : failed(indicator, Outcome.UNAVAILABLE, RateLimit.NONE, failure instanceof OpenCircuitException
                ? shownName + "'s breaker is open" : "no answer from " + shownName, clock.instant())))
        .onSuccess(this::noticeRefusedKey);
  }

  private void noticeRefusedKey(Lookup lookup) {
    if (lookup.outcome() == Outcome.BAD_KEY && keyRefused.compareAndSet(false, true)) {
      LOG.warn("{} refused the API key ({}); no more lookups until a new key is configured and the gateway restarted",
          shownName, lookup.detail());
    }
  }

  /**
   * At most as many calls at once as the client has connections; the others wait their turn here, since Vert.x
   * 5.0's pool throws on the event loop when a connect timeout fires while a request waits in it.
   */
  private Future<Lookup> limited(Indicator indicator, Instant deadline, long budgetMs) {
    return limit.<Lookup>run(deadline, () -> call(indicator,
            Math.max(1, Math.min(budgetMs, Duration.between(clock.instant(), deadline).toMillis()))))
        .recover(waited -> Future.succeededFuture(failed(indicator, Outcome.UNAVAILABLE, RateLimit.NONE,
            "no connection to " + shownName + " came free in time", clock.instant())));
  }

  private Future<Lookup> call(Indicator indicator, long budgetMs) {
    CappedBody body = new CappedBody(options.maxBody());
    Promise<Lookup> done = Promise.promise();
    request(web, base, key, indicator).as(body).followRedirects(false).connectTimeout(budgetMs).idleTimeout(budgetMs)
        .send()
        .onComplete(sent -> done.tryComplete(sent.succeeded() ? read(indicator, sent.result())
            : failed(indicator, Outcome.UNAVAILABLE, RateLimit.NONE, "no answer from " + shownName + ": "
                + describe(sent.cause()), clock.instant())));
    body.overflowed().onSuccess(full -> done.tryComplete(failed(indicator, Outcome.MALFORMED, RateLimit.NONE,
        shownName + " answered more than " + options.maxBody() + " bytes", clock.instant())));
    return done.future().timeout(budgetMs, TimeUnit.MILLISECONDS).otherwise(late -> failed(indicator,
        Outcome.UNAVAILABLE, RateLimit.NONE, "no answer from " + shownName + " within " + budgetMs + " ms",
        clock.instant()));
  }

  private Lookup read(Indicator indicator, HttpResponse<Buffer> response) {
    Instant now = clock.instant();
    RateLimit limit = RateLimit.of(response.headers(), now);
    int status = response.statusCode();
    Optional<JsonObject> json = json(response.body());
    if (status >= 200 && status < 300) {
      if (json.isEmpty()) {
        return failed(indicator, Outcome.MALFORMED, limit, shownName + " answered " + status + " without JSON", now);
      }
      try {
        return Lookup.found(name, indicator, figures(json.get()), limit, now);
      } catch (BodyShape.Unreadable e) {
        return failed(indicator, Outcome.MALFORMED, limit, shownName + " answered " + status + " with "
            + e.getMessage(), now);
      }
    }
    Optional<String> code = json.flatMap(this::errorCode);
    return failed(indicator, outcome(status, code.isPresent()), limit,
        shownName + " answered " + status + code.map(said -> ": " + said).orElse(""), now);
  }

  /** The one classification of a provider's error answers. */
  static Outcome outcome(int status, boolean documentedError) {
    return switch (status) {
      // A 404 without the provider's error body is some other server's (a proxy, a wrong base URL), not a verdict.
      case 404 -> documentedError ? Outcome.NOT_FOUND : Outcome.MALFORMED;
      case 401, 403 -> Outcome.BAD_KEY;
      case 429 -> Outcome.RATE_LIMITED;
      case 408 -> Outcome.UNAVAILABLE;
      default -> status >= 500 ? Outcome.UNAVAILABLE : Outcome.REFUSED;
    };
  }

  private static Optional<JsonObject> json(Buffer body) {
    if (body == null || body.length() == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new JsonObject(body));
    } catch (RuntimeException notAnObject) {
      return Optional.empty();
    }
  }

  private static String describe(Throwable failure) {
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  /** Every detail passes here: a provider's words are cut short, and the key can never be among them. */
  private Lookup failed(Indicator indicator, Outcome outcome, RateLimit limit, String detail, Instant at) {
    String clean = detail.replace(key, "[key]").replaceAll("\\p{Cntrl}", " ");
    String shown = clean.length() <= DETAIL_CHARS ? clean : clean.substring(0, DETAIL_CHARS) + "...";
    return Lookup.failed(name, indicator, outcome, limit, shown, at);
  }

  @Override
  public Future<Void> close() {
    breaker.close();
    web.close();
    return Future.succeededFuture();
  }
}
