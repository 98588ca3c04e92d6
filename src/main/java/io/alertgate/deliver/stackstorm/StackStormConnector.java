package io.alertgate.deliver.stackstorm;

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
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Starts StackStorm automation for an incident: an execution of an action, or a trigger instance through the
 * {@code st2} webhook (see {@link StackStormCall}). StackStorm has no idempotency key: a retry after an answer that
 * never came may run the action twice, so templates can pass {@code delivery_id}, the same on every attempt, for an
 * action to recognise a repeat.
 */
public final class StackStormConnector implements Connector {

  // StackStorm documents no rate limit and queues executions itself (201 means scheduled, not run), so a delivery
  // batch may use as many connections as it has attempts at once.
  private static final int CONNECTIONS = 32;
  // An execution's answer repeats its parameters, the alert included, before its id: enough to find the id behind an
  // ordinary alert without holding a huge answer.
  private static final int CREATED_BYTES = 1024 * 1024;
  // A hundred actions with their descriptions; more is not read.
  private static final int LISTING_BYTES = 2 * 1024 * 1024;
  // One action, its parameters' schema included, as the check lists it.
  private static final int CHECKED_BYTES = 64 * 1024;
  private static final int MAX_REASON = 300;
  private static final String WHO = "StackStorm";
  private static final String LISTED = "/api/v1/actions?limit=100&include_attributes=ref,pack,name,description";

  private final OutboundClient client;
  private final StackStormSettings settings;

  public StackStormConnector(Vertx vertx, StackStormSettings settings, TargetGuard guard, Clock clock) {
    this.client = new OutboundClient(vertx, settings.baseUrl(), settings.tls(), settings.timeout(), CONNECTIONS,
        guard, clock);
    this.settings = settings;
  }

  @Override
  public Future<AttemptOutcome> send(DeliveryRequest request) {
    StackStormCall call;
    Buffer body;
    try {
      call = StackStormCall.of(request, settings);
      body = call.body().toBuffer();
    } catch (RuntimeException unsendable) {
      // The same request would be refused the same way on every attempt.
      String why = unsendable instanceof IllegalArgumentException ? unsendable.getMessage()
          : "the incident could not be written as a StackStorm request";
      return Future.succeededFuture(new AttemptOutcome(AttemptResult.PERMANENT, 0, null, Optional.empty(), why,
          "POST " + settings.baseUrl().shown(), null));
    }
    OutboundRequest post = request(HttpMethod.POST, call.apiPath(), body);
    return client.send(post, request.deadline(), CREATED_BYTES).map(answer -> {
      Optional<String> id = answer.result() == AttemptResult.DELIVERED ? CreatedId.in(answer.body())
          : Optional.empty();
      // A trigger instance has no id of its own to answer with: the delivery's stands for it.
      String ref = call.execution() ? id.orElse(null) : id.orElse(request.deliveryId().toString());
      return outcome(post, answer, ref);
    });
  }

  /** Lists the actions an operator can name, for the admin API; not a delivery, so no breaker stands in front. */
  public Future<ActionList> actions(Instant deadline) {
    OutboundRequest get = request(HttpMethod.GET, LISTED, null);
    return client.send(get, deadline, LISTING_BYTES).map(answer -> {
      AttemptOutcome outcome = outcome(get, answer, null);
      if (outcome.result() != AttemptResult.DELIVERED) {
        return ActionList.failed(outcome.status(), outcome.error());
      }
      return listed(answer).map(actions -> new ActionList(ActionList.read(actions), more(answer, actions.size()),
              answer.status(), null))
          .orElseGet(() -> ActionList.failed(answer.status(), WHO + " answered " + answer.status()
              + (answer.truncated() ? " with more than " + LISTING_BYTES / 1024 + " KiB of actions"
              : " without a list of actions")));
    });
  }

  /** One action listed with the key: harmless, and it needs the key StackStorm accepts for every other call. */
  @Override
  public Future<ConnectionCheck> check(Instant deadline) {
    OutboundRequest get = request(HttpMethod.GET, "/api/v1/actions?limit=1", null);
    return client.send(get, deadline, CHECKED_BYTES).map(answer -> {
      ConnectionCheck check = ConnectionCheck.of(outcome(get, answer, null), "StackStorm accepted the API key");
      if (check.ok() && listed(answer).isEmpty()) {
        // A web server that answers every path (a UI in front of it, another service) is not StackStorm's API.
        return new ConnectionCheck(false, answer.status(), WHO + " answered " + answer.status()
            + " without a list of actions: is base_url StackStorm's address?");
      }
      return check;
    });
  }

  private OutboundRequest request(HttpMethod method, String apiPath, Buffer body) {
    // The API key alone: StackStorm refuses a request with both a key and a token.
    return OutboundRequest.json(method, settings.baseUrl(), settings.apiPath(apiPath),
        Map.of("St2-Api-Key", settings.apiKey()), body);
  }

  private AttemptOutcome outcome(OutboundRequest request, Answer answer, String externalRef) {
    Optional<String> why = answer.json().map(error -> error.getValue("faultstring"))
        .filter(String.class::isInstance).map(String.class::cast)
        .map(fault -> fault.length() <= MAX_REASON ? fault : fault.substring(0, MAX_REASON) + "...");
    return answer.outcome(request, WHO, externalRef, why, client.now()).redacting(settings.apiKey());
  }

  /** The actions in an answer: StackStorm lists them in an array; its API description's example is one object. */
  private static Optional<JsonArray> listed(Answer answer) {
    if (answer.truncated()) {
      return Optional.empty();
    }
    try {
      Object listed = Json.decodeValue(answer.body());
      return listed instanceof JsonArray actions ? Optional.of(actions)
          : listed instanceof JsonObject action ? Optional.of(new JsonArray().add(action)) : Optional.empty();
    } catch (RuntimeException notJson) {
      return Optional.empty();
    }
  }

  private static boolean more(Answer answer, int listed) {
    String total = answer.headers().get("X-Total-Count");
    return total != null && total.matches("\\d{1,9}") && Integer.parseInt(total) > listed;
  }

  @Override
  public Duration timeout() {
    return settings.timeout();
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  @Override
  public String toString() {
    return "StackStormConnector[" + settings + "]";
  }
}
