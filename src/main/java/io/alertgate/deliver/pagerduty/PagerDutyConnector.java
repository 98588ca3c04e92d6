package io.alertgate.deliver.pagerduty;

import io.alertgate.deliver.AttemptOutcome;
import io.alertgate.deliver.AttemptResult;
import io.alertgate.deliver.ConnectionCheck;
import io.alertgate.deliver.Connector;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.http.Answer;
import io.alertgate.deliver.http.OutboundClient;
import io.alertgate.deliver.http.OutboundRequest;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends incidents to PagerDuty's Events API v2 ({@code POST /v2/enqueue}): a trigger for a created or updated
 * incident, a resolve for a resolved one, all under the incident's dedup key. PagerDuty's 202 names the dedup key,
 * which becomes the delivery's external reference; its 400 says what was wrong with the event.
 */
public final class PagerDutyConnector implements Connector {

  static final String ENQUEUE = "/v2/enqueue";
  // PagerDuty takes about 120 events a minute per integration key: more connections would only earn more 429s.
  private static final int CONNECTIONS = 4;

  private final OutboundClient client;
  private final PagerDutySettings settings;
  private final PagerDutyAnswer answers;

  public PagerDutyConnector(Vertx vertx, PagerDutySettings settings, TargetGuard guard, Clock clock) {
    this.client = new OutboundClient(vertx, settings.baseUrl(), settings.tls(), settings.timeout(), CONNECTIONS,
        guard, clock);
    this.settings = settings;
    this.answers = new PagerDutyAnswer(settings.integrationKey());
  }

  @Override
  public Future<AttemptOutcome> send(DeliveryRequest request) {
    String dedupKey = PagerDutyEvent.dedupKey(request.idempotencyKey());
    Buffer body;
    try {
      body = PagerDutyEvent.of(request, settings);
    } catch (RuntimeException unwritable) {
      return Future.succeededFuture(new AttemptOutcome(AttemptResult.PERMANENT, 0, null, Optional.empty(),
          "the incident could not be written as a PagerDuty event", enqueue(null).shown(), null));
    }
    OutboundRequest event = enqueue(body);
    return client.send(event, request.deadline(), Answer.LOGGED_BYTES)
        .map(answer -> answers.outcome(answer, event, answers.dedupKey(answer).orElse(dedupKey), client.now()));
  }

  /**
   * Acknowledges a dedup key no alert has, made up for the check: PagerDuty checks the integration key as it would
   * for a real event, and with no alert to acknowledge, pages nobody.
   */
  @Override
  public Future<ConnectionCheck> check(Instant deadline) {
    OutboundRequest acknowledge = enqueue(PagerDutyEvent.acknowledgeNothing(settings.integrationKey(),
        "alertgate-connection-check-" + UUID.randomUUID()));
    return client.send(acknowledge, deadline, Answer.LOGGED_BYTES).map(answer -> {
      if (answers.refusesKey(answer)) {
        return new ConnectionCheck(false, answer.status(), "PagerDuty refused the integration key");
      }
      return ConnectionCheck.of(answers.outcome(answer, acknowledge, null, client.now()),
          "PagerDuty accepted the integration key");
    });
  }

  private OutboundRequest enqueue(Buffer body) {
    return OutboundRequest.json(HttpMethod.POST, settings.baseUrl(), ENQUEUE, Map.of(), body);
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
