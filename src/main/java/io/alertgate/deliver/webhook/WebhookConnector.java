package io.alertgate.deliver.webhook;

import io.alertgate.deliver.AttemptOutcome;
import io.alertgate.deliver.AttemptResult;
import io.alertgate.deliver.ConnectionCheck;
import io.alertgate.deliver.Connector;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.http.Answer;
import io.alertgate.deliver.http.OutboundClient;
import io.alertgate.deliver.http.OutboundRequest;
import io.alertgate.digest.StandardWebhooksSignature;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends an incident to a generic webhook: the guide's JSON body, signed with Standard Webhooks headers whose
 * {@code webhook-id} is the delivery's id, so a receiver sees the same id on every retry and can drop a repeat.
 */
public final class WebhookConnector implements Connector {

  // As many connections as a delivery batch can use at once, so no attempt queues behind the others for long.
  private static final int CONNECTIONS = 64;

  private final OutboundClient client;
  private final WebhookSettings settings;

  public WebhookConnector(Vertx vertx, WebhookSettings settings, TargetGuard guard, Clock clock) {
    this.client = new OutboundClient(vertx, settings.url(), settings.tls(), settings.timeout(), CONNECTIONS, guard,
        clock);
    this.settings = settings;
  }

  @Override
  public Future<AttemptOutcome> send(DeliveryRequest request) {
    Instant now = client.now();
    Buffer body;
    try {
      body = WebhookBody.of(request, now);
    } catch (RuntimeException unwritable) {
      return Future.succeededFuture(new AttemptOutcome(AttemptResult.PERMANENT, 0, null, Optional.empty(),
          "the incident could not be written as a webhook body", settings.method() + " " + settings.url().shown(),
          null));
    }
    String deliveryId = request.deliveryId().toString();
    OutboundRequest signed = signed(deliveryId, now, body);
    return client.send(signed, request.deadline(), Answer.LOGGED_BYTES)
        .map(answer -> redacted(answer.outcome(signed, "the webhook", deliveryId, Optional.empty(), client.now())));
  }

  @Override
  public Future<ConnectionCheck> check(Instant deadline) {
    Instant now = client.now();
    OutboundRequest signed = signed("test_" + UUID.randomUUID(), now, WebhookBody.test(now));
    return client.send(signed, deadline, Answer.LOGGED_BYTES)
        .map(answer -> ConnectionCheck.of(redacted(answer.outcome(signed, "the webhook", null, Optional.empty(),
            now)), "the webhook accepted a test event"));
  }

  /** A receiver that echoes the request (its headers carry tokens) must not put them in the attempt log. */
  private AttemptOutcome redacted(AttemptOutcome outcome) {
    AttemptOutcome clean = outcome;
    for (String value : settings.headers().values()) {
      // The whole value, and the credential after a scheme ("Bearer ..."), which a receiver may quote alone.
      clean = clean.redacting(value).redacting(value.substring(value.indexOf(' ') + 1));
    }
    return clean;
  }

  private OutboundRequest signed(String id, Instant now, Buffer body) {
    Map<String, String> headers = new LinkedHashMap<>(settings.headers());
    headers.put("Content-Type", "application/json");
    headers.put("webhook-id", id);
    headers.put("webhook-timestamp", Long.toString(now.getEpochSecond()));
    settings.signingKey().ifPresent(key -> headers.put("webhook-signature",
        StandardWebhooksSignature.sign(key, id, now.getEpochSecond(), body.getBytes())));
    String shown = settings.method() + " " + settings.url().shown() + " (" + body.length() + " bytes)";
    return new OutboundRequest(settings.method(), settings.url().ownTarget(), headers, body, shown);
  }

  @Override
  public Duration timeout() {
    return settings.timeout();
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
