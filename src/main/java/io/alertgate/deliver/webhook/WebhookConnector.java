package io.alertgate.deliver.webhook;

import io.alertgate.deliver.AttemptOutcome;
import io.alertgate.deliver.AttemptResult;
import io.alertgate.deliver.Connector;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.RetryAfter;
import io.alertgate.digest.StandardWebhooksSignature;
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
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends an alert to a generic webhook: the guide's JSON body, signed with Standard Webhooks headers whose
 * {@code webhook-id} is the delivery's id, so a receiver sees the same id on every retry. The target is checked
 * before each attempt and the connection goes to the address checked; redirects are not followed, since the place
 * they lead has not been checked.
 */
public final class WebhookConnector implements Connector {

  private static final int MAX_RESPONSE_BYTES = 1_024;
  // As many connections as a delivery batch can use at once, so no attempt queues behind the others for long.
  private static final int CONNECTIONS = 32;

  private final HttpClient client;
  private final WebhookConfig config;
  private final TargetGuard guard;
  private final Clock clock;

  /**
   * With a client of its own: TLS settings belong to a client, and a pooled connection made under one destination's
   * settings (verify_ssl off) must never carry another destination's request to the same host.
   */
  public WebhookConnector(Vertx vertx, WebhookConfig config, TargetGuard guard, Clock clock) {
    HttpClientOptions options = new HttpClientOptions().setKeepAlive(true);
    if ("https".equalsIgnoreCase(config.url().getScheme())) {
      options.setSsl(true).setVerifyHost(config.verifySsl()).setTrustAll(!config.verifySsl());
    }
    this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    this.config = config;
    this.guard = guard;
    this.clock = clock;
  }

  /** Closes this destination's connections. */
  public Future<Void> close() {
    return client.close();
  }

  @Override
  public Future<AttemptOutcome> send(DeliveryRequest request) {
    Instant now = clock.instant();
    byte[] body;
    try {
      body = WebhookBody.of(request, now);
    } catch (RuntimeException unwritable) {
      return Future.succeededFuture(new AttemptOutcome(AttemptResult.PERMANENT, 0, null, Optional.empty(),
          "the alert could not be written as a webhook body", config.method() + " " + config.shownUrl(), null));
    }
    String shown = config.method() + " " + config.shownUrl() + " (" + body.length + " bytes)";
    String deliveryId = request.deliveryId().toString();
    // The whole attempt, name lookup included, ends by the destination's timeout or the batch's deadline, whichever
    // comes first: past the deadline its lease may be another's.
    long budgetMs = Math.max(1, Math.min(TimeUnit.SECONDS.toMillis(config.timeoutSeconds()),
        Duration.between(clock.instant(), request.deadline()).toMillis()));
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    return guard.check(config.url().getHost())
        .compose(address -> client.request(options(address)))
        .compose(http -> {
          sent.set(http);
          config.headers().forEach(http::putHeader);
          http.putHeader("Content-Type", "application/json")
              .putHeader("webhook-id", deliveryId)
              .putHeader("webhook-timestamp", Long.toString(now.getEpochSecond()));
          config.signingKey().ifPresent(key -> http.putHeader("webhook-signature",
              StandardWebhooksSignature.sign(key, deliveryId, now.getEpochSecond(), body)));
          Promise<AttemptOutcome> answered = Promise.promise();
          http.send(Buffer.buffer(body))
              .onSuccess(response -> readCapped(response, shown, deliveryId, answered))
              .onFailure(answered::tryFail);
          return answered.future();
        })
        .timeout(budgetMs, TimeUnit.MILLISECONDS)
        .otherwise(failure -> {
          // Past its time the request is reset, so its connection is not left busy behind an attempt already over.
          HttpClientRequest late = sent.get();
          if (late != null) {
            late.reset();
          }
          return unanswered(failure, shown);
        });
  }

  /**
   * The status decides; of the body only the first KiB is kept for the operator, and a longer one is cut off by
   * resetting the request, never read into memory whole.
   */
  private void readCapped(HttpClientResponse response, String shown, String deliveryId,
                          Promise<AttemptOutcome> answered) {
    Buffer kept = Buffer.buffer();
    response.handler(chunk -> {
      int room = MAX_RESPONSE_BYTES - kept.length();
      kept.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
      if (chunk.length() >= room && answered.tryComplete(outcome(response, kept, shown, deliveryId))) {
        response.request().reset();
      }
    });
    response.endHandler(end -> answered.tryComplete(outcome(response, kept, shown, deliveryId)));
    // A body broken off after its status still has that status.
    response.exceptionHandler(broken -> answered.tryComplete(outcome(response, kept, shown, deliveryId)));
  }

  private RequestOptions options(InetAddress address) {
    boolean https = "https".equalsIgnoreCase(config.url().getScheme());
    int port = config.url().getPort() > 0 ? config.url().getPort() : https ? 443 : 80;
    String path = config.url().getRawPath() == null || config.url().getRawPath().isEmpty() ? "/"
        : config.url().getRawPath();
    long timeoutMs = TimeUnit.SECONDS.toMillis(config.timeoutSeconds());
    RequestOptions options = new RequestOptions()
        .setMethod(config.method())
        // The connection goes to the checked address; the name is still what Host and TLS see.
        .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
        .setHost(config.url().getHost())
        .setPort(port)
        .setURI(config.url().getRawQuery() == null ? path : path + "?" + config.url().getRawQuery())
        .setFollowRedirects(false)
        .setConnectTimeout(timeoutMs)
        .setIdleTimeout(timeoutMs);
    return options.setSsl(https);
  }

  private AttemptOutcome outcome(HttpClientResponse response, Buffer answer, String shown, String deliveryId) {
    int status = response.statusCode();
    AttemptResult result = AttemptResult.ofStatus(status);
    String snippet = answer.toString(StandardCharsets.UTF_8);
    Optional<Duration> retryAfter = RetryAfter.parse(response.getHeader("Retry-After"), clock.instant());
    String error = result == AttemptResult.DELIVERED ? null : "the webhook answered " + status;
    return new AttemptOutcome(result, status, result == AttemptResult.DELIVERED ? deliveryId : null, retryAfter,
        error, shown, snippet);
  }

  /** No answer: a refused target will be refused again; anything else (a name not resolved now) may pass. */
  private static AttemptOutcome unanswered(Throwable failure, String shown) {
    boolean refused = failure instanceof TargetGuard.Refused;
    String reason = refused ? "refused: " + failure.getMessage()
        : "no answer: " + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    return new AttemptOutcome(refused ? AttemptResult.PERMANENT : AttemptResult.RETRYABLE, 0, null, Optional.empty(),
        reason, shown, null);
  }
}
