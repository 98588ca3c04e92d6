package io.alertgate.deliver.pagerduty;

import io.alertgate.alert.EventType;
import io.alertgate.deliver.AttemptOutcome;
import io.alertgate.deliver.AttemptResult;
import io.alertgate.deliver.ConnectionCheck;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.net.Cidr;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static io.alertgate.deliver.pagerduty.Deliveries.KEY;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PagerDuty connector against a fake Events API on loopback that records events and plays scripted answers. */
class PagerDutyConnectorTest {

  private static final List<Cidr> LOOPBACK_ALLOWED = List.of(Cidr.parse("127.0.0.0/8"));
  private static final String INVALID = "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
      + "\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}";

  private Vertx vertx;
  private FakePagerDuty pagerDuty;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    pagerDuty = FakePagerDuty.start(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("A new incident is a trigger under its correlation key, with the alert's summary, details and links")
  void triggersNewIncidents() throws Exception {
    JsonObject event = delivered(Deliveries.alert(EventType.CREATED), Deliveries.CORRELATION_KEY);

    FakePagerDuty.Received got = pagerDuty.received.get(0);
    assertEquals("POST", got.method());
    assertEquals("/v2/enqueue", got.uri());
    assertEquals(Set.of("accept", "content-type", "content-length", "host"), names(got.headers()));
    assertEquals("application/json", got.headers().get("accept"));
    assertEquals("application/json", got.headers().get("content-type"));
    assertEquals("127.0.0.1:" + pagerDuty.baseUrl().split(":")[2], got.headers().get("host"));
    JsonObject document = Deliveries.document();
    assertEquals(new JsonObject()
        .put("routing_key", KEY)
        .put("event_action", "trigger")
        .put("dedup_key", Deliveries.CORRELATION_KEY)
        .put("payload", new JsonObject()
            .put("summary", "Encoded PowerShell")
            .put("source", "elastic")
            .put("severity", "error")
            .put("timestamp", "2026-12-01T02:59:07.261Z")
            .put("custom_details", new JsonObject()
                .put("alert_id", Deliveries.ALERT_ID.toString())
                .put("severity", "high")
                .put("status", "open")
                .put("indicators", document.getJsonObject("indicators"))
                .put("enrichment", document.getJsonObject("enrichment"))))
        .put("links", document.getJsonArray("links"))
        .put("client", "Alertgate"), event);
  }

  @Test
  @DisplayName("An update is a trigger under the same dedup key: PagerDuty adds to the open alert, pages no one anew")
  void updatesUnderTheSameKey() throws Exception {
    JsonObject first = delivered(Deliveries.alert(EventType.CREATED), Deliveries.CORRELATION_KEY);
    JsonObject second = delivered(Deliveries.alert(EventType.UPDATED), Deliveries.CORRELATION_KEY);

    assertEquals("trigger", second.getString("event_action"));
    assertEquals(first, second);
  }

  @Test
  @DisplayName("A resolved incident is a resolve of its dedup key and nothing else")
  void resolves() throws Exception {
    JsonObject event = delivered(Deliveries.alert(EventType.RESOLVED), Deliveries.CORRELATION_KEY);

    assertEquals("/v2/enqueue", pagerDuty.received.get(0).uri());
    assertEquals(new JsonObject().put("routing_key", KEY).put("event_action", "resolve")
        .put("dedup_key", Deliveries.CORRELATION_KEY), event);
  }

  @Test
  @DisplayName("create-incident: the operator's severity, summary and source win; component and group come along")
  void createIncident() throws Exception {
    JsonObject event = delivered(Deliveries.createIncident(), "inc-123");

    assertEquals(new JsonObject()
        .put("routing_key", KEY)
        .put("event_action", "trigger")
        .put("dedup_key", "inc-123")
        .put("payload", new JsonObject()
            .put("summary", "Payment processing service is down")
            .put("source", "audit-service")
            .put("severity", "critical")
            .put("component", "payment-service")
            .put("group", "production")
            .put("custom_details", new JsonObject().put("incident_id", "inc-123")))
        .put("links", new JsonArray())
        .put("client", "Alertgate"), event);
  }

  @Test
  @DisplayName("resolve-incident: a resolve of the incident id the operator gave")
  void resolveIncident() throws Exception {
    assertEquals(new JsonObject().put("routing_key", KEY).put("event_action", "resolve").put("dedup_key", "inc-123"),
        delivered(Deliveries.resolveIncident(), "inc-123"));
  }

  @Test
  @DisplayName("A key longer than PagerDuty keeps is sent as its digest, the same on every attempt")
  void longKeysDigested() throws Exception {
    String longKey = "generic:" + "k".repeat(400);
    PagerDutyConnector connector = connector(settings());
    pagerDuty.then(503, "");
    AttemptOutcome first = await(connector.send(Deliveries.alert(EventType.CREATED, Deliveries.document(), longKey,
        1)));
    AttemptOutcome second = await(connector.send(Deliveries.alert(EventType.CREATED, Deliveries.document(), longKey,
        2)));

    String sent = pagerDuty.received.get(0).json().getString("dedup_key");
    assertTrue(sent.matches("generic:sha256:[0-9a-f]{64}"), sent);
    assertEquals(sent, pagerDuty.received.get(1).json().getString("dedup_key"));
    assertEquals(AttemptResult.RETRYABLE, first.result());
    assertEquals(sent, second.externalRef());
  }

  @ParameterizedTest
  @CsvSource({"202, DELIVERED", "400, PERMANENT", "401, PERMANENT", "403, PERMANENT", "404, PERMANENT",
      "409, PERMANENT", "408, RETRYABLE", "429, RETRYABLE", "500, RETRYABLE", "502, RETRYABLE", "503, RETRYABLE"})
  @DisplayName("Each answer is classified the shared way")
  void classifiesAnswers(int status, AttemptResult expected) throws Exception {
    pagerDuty.then(status, status == 202 ? "{\"status\":\"success\",\"dedup_key\":\"elastic:rule-1:alert-1\"}"
        : "{\"status\":\"error\",\"message\":\"Something went wrong\"}");
    AttemptOutcome outcome = await(connector(settings()).send(Deliveries.alert(EventType.CREATED)));

    assertEquals(expected, outcome.result());
    assertEquals(status, outcome.status());
    assertEquals(status == 202 ? null : "PagerDuty answered " + status + ": Something went wrong", outcome.error());
    assertEquals(status == 202 ? Deliveries.CORRELATION_KEY : null, outcome.externalRef());
    assertEquals("POST " + pagerDuty.baseUrl() + "/v2/enqueue (" + pagerDuty.received.get(0).body().length()
        + " bytes)", outcome.request());
  }

  @Test
  @DisplayName("An invalid event is permanent, with PagerDuty's message and errors")
  void invalidEvent() throws Exception {
    pagerDuty.then(400, INVALID);
    AttemptOutcome outcome = await(connector(settings()).send(Deliveries.alert(EventType.CREATED)));

    assertEquals(AttemptResult.PERMANENT, outcome.result());
    assertEquals("PagerDuty answered 400: Event object is invalid: Length of 'routing_key' is incorrect (should be"
        + " 32 characters)", outcome.error());
    assertEquals(INVALID, outcome.response());
  }

  @Test
  @DisplayName("429: worth retrying, after Retry-After when PagerDuty sends one")
  void throttled() throws Exception {
    pagerDuty.then(request -> request.response().setStatusCode(429).putHeader("Retry-After", "12").end());
    pagerDuty.then(429, "");
    PagerDutyConnector connector = connector(settings());
    AttemptOutcome told = await(connector.send(Deliveries.alert(EventType.CREATED)));
    AttemptOutcome untold = await(connector.send(Deliveries.alert(EventType.CREATED)));

    assertEquals(AttemptResult.RETRYABLE, told.result());
    assertEquals(Optional.of(Duration.ofSeconds(12)), told.retryAfter());
    assertEquals(AttemptResult.RETRYABLE, untold.result());
    assertEquals(Optional.empty(), untold.retryAfter());
    assertEquals("PagerDuty answered 429", untold.error());
  }

  @Test
  @DisplayName("An answer that cannot be read is classified by its status: a 202 is delivered under the key sent")
  void unreadableAnswers() throws Exception {
    PagerDutyConnector connector = connector(settings());
    pagerDuty.then(202, "<html>accepted</html>");
    pagerDuty.then(202, "{\"status\":\"success\",\"dedup_key\":42}");
    pagerDuty.then(202, "");
    pagerDuty.then(400, "{\"message\": [\"not\", \"text\"], \"errors\": \"nor this\"}");
    pagerDuty.then(500, "{\"broken\":");
    pagerDuty.then(request -> {
      request.response().setChunked(true).setStatusCode(202);
      for (int i = 0; i < 20; i++) {
        request.response().write("y".repeat(1024 * 1024));
      }
      request.response().end();
    });
    for (int i = 0; i < 3; i++) {
      AttemptOutcome delivered = await(connector.send(Deliveries.alert(EventType.CREATED)));
      assertEquals(AttemptResult.DELIVERED, delivered.result());
      assertEquals(Deliveries.CORRELATION_KEY, delivered.externalRef());
    }
    assertEquals("PagerDuty answered 400", await(connector.send(Deliveries.alert(EventType.CREATED))).error());
    AttemptOutcome broken = await(connector.send(Deliveries.alert(EventType.CREATED)));
    assertEquals(AttemptResult.RETRYABLE, broken.result());
    assertEquals("PagerDuty answered 500", broken.error());
    AttemptOutcome huge = await(connector.send(Deliveries.alert(EventType.CREATED)));
    assertEquals(AttemptResult.DELIVERED, huge.result());
    assertEquals(1_024, huge.response().length());
  }

  @Test
  @DisplayName("A PagerDuty that does not answer in time, or is not there, is worth retrying")
  void noAnswer() throws Exception {
    pagerDuty.then(request -> { });  // never answers
    AttemptOutcome slow = await(connector(settings().put("timeout", 1)).send(Deliveries.alert(EventType.CREATED)));
    assertEquals(AttemptResult.RETRYABLE, slow.result());
    assertEquals(0, slow.status());
    assertTrue(slow.error().startsWith("no answer: "), slow.error());

    AttemptOutcome absent = await(connector(settings().put("base_url", closedAddress()))
        .send(Deliveries.alert(EventType.CREATED)));
    assertEquals(AttemptResult.RETRYABLE, absent.result());
    assertEquals(0, absent.status());
    assertTrue(absent.error().startsWith("no answer: "), absent.error());
  }

  @Test
  @DisplayName("A PagerDuty address in a private range is refused before anything is sent")
  void privateTargetsRefused() throws Exception {
    PagerDutyConnector unguarded = new PagerDutyConnector(vertx, PagerDutySettings.fromJson(settings()),
        new TargetGuard(vertx, List.of()), Clock.systemUTC());
    AttemptOutcome outcome = await(unguarded.send(Deliveries.alert(EventType.CREATED)));

    assertEquals(AttemptResult.PERMANENT, outcome.result());
    assertTrue(outcome.error().startsWith("refused: "), outcome.error());
    assertEquals(List.of(), pagerDuty.received);
  }

  @Test
  @DisplayName("The integration key never shows in an outcome, even where PagerDuty quotes it back, or cut short")
  void noKeyInOutcomes() throws Exception {
    PagerDutyConnector connector = connector(settings());
    pagerDuty.then(400, "{\"status\":\"invalid event\",\"message\":\"No integration " + KEY + "\",\"errors\":[\""
        + KEY.toLowerCase() + " is not known\"]}");
    pagerDuty.then(500, "x".repeat(1_024 - 20) + KEY);
    pagerDuty.then(202, "{\"status\":\"success\",\"dedup_key\":\"" + KEY + "\"}");
    List<AttemptOutcome> outcomes = List.of(await(connector.send(Deliveries.alert(EventType.CREATED))),
        await(connector.send(Deliveries.alert(EventType.CREATED))),
        await(connector.send(Deliveries.alert(EventType.CREATED))));

    for (AttemptOutcome outcome : outcomes) {
      assertFalse(outcome.toString().toLowerCase().contains(KEY.toLowerCase().substring(0, 8)), outcome.toString());
    }
    assertEquals("PagerDuty answered 400: No integration [redacted]: [redacted] is not known",
        outcomes.get(0).error());
    assertTrue(outcomes.get(1).response().endsWith("x[redacted]"), outcomes.get(1).response());
    assertEquals("[redacted]", outcomes.get(2).externalRef());
  }

  @Test
  @DisplayName("The check acknowledges a made-up dedup key: accepted, nothing opened, nobody paged")
  void checkAccepted() throws Exception {
    PagerDutyConnector connector = connector(settings());
    ConnectionCheck check = await(connector.check(Instant.now().plusSeconds(30)));
    await(connector.check(Instant.now().plusSeconds(30)));

    assertEquals(new ConnectionCheck(true, 202, "PagerDuty accepted the integration key"), check);
    JsonObject sent = pagerDuty.received.get(0).json();
    assertEquals("POST", pagerDuty.received.get(0).method());
    assertEquals("/v2/enqueue", pagerDuty.received.get(0).uri());
    assertEquals(Set.of("routing_key", "event_action", "dedup_key"), sent.fieldNames());
    assertEquals(KEY, sent.getString("routing_key"));
    assertEquals("acknowledge", sent.getString("event_action"));
    assertTrue(sent.getString("dedup_key").startsWith("alertgate-connection-check-"), sent.encode());
    assertNotEquals(sent.getString("dedup_key"), pagerDuty.received.get(1).json().getString("dedup_key"));
    EventSchema.assertValid(sent);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "400 | {\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Invalid routing"
          + " key\"]}",
      "400 | " + INVALID,
      "401 | ",
      "403 | {\"status\":\"forbidden\"}"})
  @DisplayName("The check tells a refused integration key from other failures")
  void checkRefusedKey(int status, String body) throws Exception {
    pagerDuty.then(status, body == null ? "" : body);
    ConnectionCheck check = await(connector(settings()).check(Instant.now().plusSeconds(30)));
    assertEquals(new ConnectionCheck(false, status, "PagerDuty refused the integration key"), check);
  }

  @Test
  @DisplayName("Any other failure of the check says what happened, as a delivery's error would")
  void checkFailed() throws Exception {
    pagerDuty.then(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}");
    pagerDuty.then(503, "");
    PagerDutyConnector connector = connector(settings());
    assertEquals(new ConnectionCheck(false, 400, "PagerDuty answered 400: Event object is invalid"),
        await(connector.check(Instant.now().plusSeconds(30))));
    assertEquals(new ConnectionCheck(false, 503, "PagerDuty answered 503"),
        await(connector.check(Instant.now().plusSeconds(30))));

    ConnectionCheck unreachable = await(connector(settings().put("base_url", closedAddress()))
        .check(Instant.now().plusSeconds(30)));
    assertFalse(unreachable.ok());
    assertEquals(0, unreachable.status());
    assertTrue(unreachable.message().startsWith("no answer: "), unreachable.message());
    assertFalse(unreachable.message().contains(KEY));
  }

  @Test
  @DisplayName("base_url keeps a path prefix, as behind a proxy")
  void pathPrefix() throws Exception {
    await(connector(settings().put("base_url", pagerDuty.baseUrl() + "/pagerduty/")).send(
        Deliveries.alert(EventType.RESOLVED)));
    assertEquals("/pagerduty/v2/enqueue", pagerDuty.received.get(0).uri());
    assertNull(connector(settings()).close().cause());
  }

  /** Sends a delivery PagerDuty accepts: the event it got, checked against PagerDuty's description of events. */
  private JsonObject delivered(DeliveryRequest request, String dedupKey) throws Exception {
    AttemptOutcome outcome = await(connector(settings()).send(request));
    assertEquals(AttemptResult.DELIVERED, outcome.result());
    assertEquals(202, outcome.status());
    assertEquals(dedupKey, outcome.externalRef());
    JsonObject event = pagerDuty.received.get(pagerDuty.received.size() - 1).json();
    EventSchema.assertValid(event);
    return event;
  }

  private JsonObject settings() {
    return new JsonObject().put("integration_key", KEY).put("base_url", pagerDuty.baseUrl()).put("timeout", 5);
  }

  private PagerDutyConnector connector(JsonObject settings) {
    return new PagerDutyConnector(vertx, PagerDutySettings.fromJson(settings),
        new TargetGuard(vertx, LOOPBACK_ALLOWED), Clock.systemUTC());
  }

  private static String closedAddress() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  private static Set<String> names(Map<String, String> headers) {
    Set<String> names = new TreeSet<>();
    headers.keySet().forEach(name -> names.add(name.toLowerCase()));
    return names;
  }
}
