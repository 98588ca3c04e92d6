package io.alertgate.deliver.webhook;

import io.alertgate.deliver.AttemptOutcome;
import io.alertgate.deliver.AttemptResult;
import io.alertgate.deliver.Connector;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.RetryAfter;
import io.alertgate.digest.StandardWebhooksSignature;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sends an alert to a generic webhook: the guide's JSON body, signed with Standard Webhooks headers whose
 * {@code webhook-id} is the delivery's id, so a receiver sees the same id on every retry. The target is checked
 * before each attempt and the connection goes to the address checked; redirects are not followed, since the place
 * they lead has not been checked.
 */
public final class WebhookConnector implements Connector {

  private static final int MAX_RESPONSE_CHARS = 1_024;

  private final HttpClient client;
  private final WebhookConfig config;
  private final TargetGuard guard;
  private final Clock clock;

  public WebhookConnector(HttpClient client, WebhookConfig config, TargetGuard guard, Clock clock) {
    this.client = client;
    this.config = config;
    this.guard = guard;
    this.clock = clock;
  }

  @Override
  public Future<AttemptOutcome> send(DeliveryRequest request) {
    Instant now = clock.instant();
    byte[] body = WebhookBody.of(request, now);
    String shown = config.method() + " " + config.shownUrl() + " (" + body.length + " bytes)";
    String deliveryId = request.deliveryId().toString();
    return guard.check(config.url().getHost())
        .compose(address -> client.request(options(address)))
        .compose(http -> {
          config.headers().forEach(http::putHeader);
          http.putHeader("Content-Type", "application/json")
              .putHeader("webhook-id", deliveryId)
              .putHeader("webhook-timestamp", Long.toString(now.getEpochSecond()));
          config.signingKey().ifPresent(key -> http.putHeader("webhook-signature",
              StandardWebhooksSignature.sign(key, deliveryId, now.getEpochSecond(), body)));
          return http.send(Buffer.buffer(body));
        })
        .compose(response -> response.body().map(answer -> answered(response, answer, shown, deliveryId)))
        .timeout(config.timeoutSeconds(), TimeUnit.SECONDS)
        .otherwise(failure -> unanswered(failure, shown));
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
        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
        .setHost(config.url().getHost())
        .setPort(port)
        .setURI(config.url().getRawQuery() == null ? path : path + "?" + config.url().getRawQuery())
        .setFollowRedirects(false)
        .setConnectTimeout(timeoutMs)
        .setIdleTimeout(timeoutMs);
    if (https) {
      options.setSsl(true).setSslOptions(config.verifySsl()
          ? new ClientSSLOptions().setHostnameVerificationAlgorithm("HTTPS")
          : new ClientSSLOptions().setTrustAll(true).setHostnameVerificationAlgorithm(""));
    }
    return options;
  }

  private AttemptOutcome answered(HttpClientResponse response, Buffer answer, String shown, String deliveryId) {
    int status = response.statusCode();
    AttemptResult result = AttemptResult.ofStatus(status);
    String text = answer.toString(StandardCharsets.UTF_8);
    String snippet = text.length() <= MAX_RESPONSE_CHARS ? text : text.substring(0, MAX_RESPONSE_CHARS);
    Optional<Duration> retryAfter = RetryAfter.parse(response.getHeader("Retry-After"), clock.instant());
    String error = result == AttemptResult.DELIVERED ? null : "the webhook answered " + status;
    return new AttemptOutcome(result, status, result == AttemptResult.DELIVERED ? deliveryId : null, retryAfter,
        error, shown, snippet);
  }

  /** No answer: a refused target will be refused again; anything else may have been a passing fault. */
  private static AttemptOutcome unanswered(Throwable failure, String shown) {
    boolean refused = failure instanceof TargetGuard.Refused;
    String reason = refused ? "refused: " + failure.getMessage()
        : "no answer: " + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    return new AttemptOutcome(refused ? AttemptResult.PERMANENT : AttemptResult.RETRYABLE, 0, null, Optional.empty(),
        reason, shown, null);
  }
}
