package io.alertgate.deliver.http;

import io.alertgate.net.ConcurrencyLimit;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One destination's HTTP client, the same for every destination type. Before each request the host is checked by
 * the {@link TargetGuard} and the connection goes to the address checked; redirects are not followed, since the
 * place they lead has not been checked. At most as many requests as the destination has connections are under way at
 * once; the others wait their turn. A request ends by the destination's timeout or the caller's deadline,
 * whichever comes first, name lookup included, and a late one is reset so its connection is not left busy. Of an
 * answer's body only as much as the caller asks for is read; a longer one is cut off, never read whole.
 */
public final class OutboundClient {

  private static final Logger LOG = LoggerFactory.getLogger(OutboundClient.class);

  private final HttpClient client;
  private final ConcurrencyLimit limit;
  private final Endpoint endpoint;
  private final TargetGuard guard;
  private final Duration timeout;
  private final Clock clock;

  /**
   * With a client of its own: TLS settings belong to a client, and a pooled connection made under one destination's
   * settings (verification off) must never carry another destination's request to the same host.
   *
   * @param connections how many requests to this destination may be open at once; more wait for a connection
   */
  public OutboundClient(Vertx vertx, Endpoint endpoint, Tls tls, Duration timeout, int connections, TargetGuard guard,
                        Clock clock) {
    HttpClientOptions options = new HttpClientOptions().setKeepAlive(true);
    if (endpoint.https()) {
      options.setSsl(true).setVerifyHost(tls.verify()).setTrustAll(!tls.verify());
      tls.caPem().ifPresent(pem -> options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pem))));
    }
    this.client = vertx.httpClientBuilder().with(options).with(new PoolOptions().setHttp1MaxSize(connections))
        .withConnectHandler(connection -> connection.exceptionHandler(OutboundClient::connectionFailed))
        .build();
    this.limit = new ConcurrencyLimit(vertx, connections);
    this.endpoint = endpoint;
    this.guard = guard;
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * A connection's own failure: a request under way on it fails with it and its attempt says so; an idle pooled one
   * (the destination restarted and reset it) is dropped from the pool, which is no error. Without a handler Vert.x
   * writes each as a bare ERROR line ("Connection reset"), one per pooled connection, naming no destination.
   */
  private static void connectionFailed(Throwable failure) {
    LOG.debug("A connection to a destination failed: {}", failure.toString());
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public Duration timeout() {
    return timeout;
  }

  public Future<Void> close() {
    return client.close();
  }

  /**
   * Sends the request; the future always succeeds, with an answer or with why none came.
   *
   * @param deadline past it the attempt's lease may be another's
   * @param maxBody  how much of the answer's body to keep
   */
  public Future<Answer> send(OutboundRequest request, Instant deadline, int maxBody) {
    return limit.run(deadline, () -> exchange(request, deadline, maxBody))
        .recover(waited -> Future.succeededFuture(Answer.none(waited)));
  }

  private Future<Answer> exchange(OutboundRequest request, Instant deadline, int maxBody) {
    long budgetMs = Math.max(1, Math.min(timeout.toMillis(), Duration.between(clock.instant(), deadline).toMillis()));
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    // Set when the attempt's time is up: a connection that opens after that must not carry the request, which the
    // attempt log already records as unanswered and a retry will send again.
    AtomicBoolean over = new AtomicBoolean();
    return guard.check(endpoint.host())
        .compose(address -> client.request(options(request, address, budgetMs)))
        .compose(http -> {
          // Published before the check, and the timeout sets its flag before it looks: one of them sees the other.
          sent.set(http);
          if (over.get()) {
            http.reset();
            return Future.failedFuture("the attempt's time was up before the connection opened");
          }
          request.headers().forEach(http::putHeader);
          Promise<Answer> answered = Promise.promise();
          (request.body() == null ? http.send() : http.send(request.body()))
              .onSuccess(response -> readCapped(response, maxBody, answered))
              .onFailure(answered::tryFail);
          return answered.future();
        })
        .timeout(budgetMs, TimeUnit.MILLISECONDS)
        .otherwise(failure -> {
          over.set(true);
          HttpClientRequest late = sent.get();
          if (late != null) {
            late.reset();
          }
          return Answer.none(failure);
        });
  }

  private static void readCapped(HttpClientResponse response, int maxBody, Promise<Answer> answered) {
    Buffer kept = Buffer.buffer();
    response.handler(chunk -> {
      int room = maxBody - kept.length();
      kept.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
      if (chunk.length() > room
          && answered.tryComplete(Answer.of(response.statusCode(), response.headers(), kept, true))) {
        response.request().reset();
      }
    });
    response.endHandler(end -> answered.tryComplete(Answer.of(response.statusCode(), response.headers(), kept,
        false)));
    // A body broken off after its status still has that status.
    response.exceptionHandler(broken -> answered.tryComplete(Answer.of(response.statusCode(), response.headers(),
        kept, true)));
  }

  private RequestOptions options(OutboundRequest request, InetAddress address, long budgetMs) {
    long timeoutMs = timeout.toMillis();
    return new RequestOptions()
        .setMethod(request.method())
        // The connection goes to the checked address; the name is still what Host and TLS see.
        .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, endpoint.port())))
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setURI(request.target())
        .setFollowRedirects(false)
        .setConnectTimeout(Math.min(timeoutMs, budgetMs))
        .setIdleTimeout(timeoutMs)
        .setSsl(endpoint.https());
  }

  /** Now, by the client's clock. */
  public Instant now() {
    return clock.instant();
  }
}
