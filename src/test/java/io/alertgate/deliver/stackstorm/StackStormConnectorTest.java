package io.alertgate.deliver.stackstorm;

import io.alertgate.alert.AlertStatus;
import io.alertgate.alert.EventType;
import io.alertgate.alert.Severity;
import io.alertgate.alert.StoredAlert;
import io.alertgate.deliver.ActionRequest;
import io.alertgate.deliver.AttemptOutcome;
import io.alertgate.deliver.AttemptResult;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.Incident;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.function.Consumer;

import static io.alertgate.deliver.stackstorm.FakeStackStorm.EXECUTION_ID;
import static io.alertgate.deliver.stackstorm.FakeStackStorm.KEY;
import static io.alertgate.deliver.stackstorm.FakeStackStorm.assertHeaders;
import static io.alertgate.deliver.stackstorm.FakeStackStorm.closedAddress;
import static io.alertgate.deliver.stackstorm.FakeStackStorm.execution;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The StackStorm connector's deliveries against a fake st2 API that records requests and plays scripted answers. */
class StackStormConnectorTest {

  private static final UUID DELIVERY_ID = UUID.fromString("01a22f90-0000-7000-8000-000000000001");

  private Vertx vertx;
  private FakeStackStorm st2;
  private List<FakeStackStorm.Received> received;
  private Queue<Consumer<HttpServerRequest>> script;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    st2 = FakeStackStorm.start(vertx);
    received = st2.received;
    script = st2.script;
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("A routed alert runs the configured action with its rendered parameters; the execution id is kept")
  void executesTheConfiguredAction() throws Exception {
    JsonObject config = config().put("parameters", new JsonObject()
        .put("summary", "[{{ severity }}] {{ title }}")
        .put("ips", "{{ details.indicators.ips }}")
        .put("alert", "{{ alert }}")
        .put("retry_key", "{{ delivery_id }}")
        .put("kv", "{{ st2kv.system.channel }}")
        .put("static", new JsonObject().put("escalation_level", "immediate")));
    AttemptOutcome outcome = await(connector(config).send(routed(EventType.CREATED)));

    assertEquals(AttemptResult.DELIVERED, outcome.result());
    assertEquals(201, outcome.status());
    assertEquals(EXECUTION_ID, outcome.externalRef(), "the execution's own id, not its action's or runner's");
    FakeStackStorm.Received got = received.get(0);
    assertEquals("POST", got.method());
    assertEquals("/api/v1/executions", got.uri());
    assertHeaders(got, true);
    JsonObject alert = new JsonObject(DOCUMENT);
    assertEquals(new JsonObject()
        .put("action", "incident_response.create_incident")
        .put("parameters", new JsonObject()
            .put("summary", "[high] Encoded PowerShell")
            .put("ips", alert.getJsonObject("indicators").getJsonArray("ips"))
            .put("alert", alert)
            .put("retry_key", DELIVERY_ID.toString())
            .put("kv", "{{ st2kv.system.channel }}")
            .put("static", new JsonObject().put("escalation_level", "immediate"))), got.json());
    assertEquals("POST http://127.0.0.1:" + st2.port() + "/api/v1/executions (" + got.body().length()
        + " bytes)", outcome.request());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  @DisplayName("Without parameters an execution gets the alert, the event type and the incident id")
  void defaultParameters(EventType eventType) throws Exception {
    AttemptOutcome outcome = await(connector(config().put("parameters", (Object) null)).send(routed(eventType)));

    assertEquals(AttemptResult.DELIVERED, outcome.result());
    assertEquals(new JsonObject()
        .put("action", "incident_response.create_incident")
        .put("parameters", new JsonObject()
            .put("alert", new JsonObject(DOCUMENT))
            .put("event_type", eventType.wireName())
            .put("incident_id", "elastic:rule-1:alert-1")), received.get(0).json());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  @DisplayName("Without an action a routed alert fires the trigger through the st2 webhook; the delivery id stands in")
  void firesTheTrigger(EventType eventType) throws Exception {
    // StackStorm answers the st2 webhook with the body it was given.
    script.add(request -> request.response().setStatusCode(202).end(received.get(0).body()));
    AttemptOutcome outcome = await(connector(triggerConfig()).send(routed(eventType)));

    assertEquals(AttemptResult.DELIVERED, outcome.result());
    assertEquals(202, outcome.status());
    assertEquals(DELIVERY_ID.toString(), outcome.externalRef());
    FakeStackStorm.Received got = received.get(0);
    assertEquals("POST", got.method());
    assertEquals("/api/v1/webhooks/st2", got.uri());
    assertHeaders(got, true);
    assertEquals(new JsonObject()
        .put("trigger", "alertgate.alert")
        .put("payload", new JsonObject()
            .put("event_type", eventType.wireName())
            .put("incident_id", "elastic:rule-1:alert-1")
            .put("alert", new JsonObject(DOCUMENT))
            .put("details", Incident.of(alert()).details())), got.json());
  }

  @Test
  @DisplayName("A trigger's answer with an id of its own gives that id; a configured trigger is the one fired")
  void triggerAnswerWithAnId() throws Exception {
    script.add(request -> request.response().setStatusCode(202).end("{\"id\":\"trigger-instance-7\"}"));
    AttemptOutcome outcome = await(connector(triggerConfig().put("trigger", "soc.new_alert"))
        .send(routed(EventType.UPDATED)));
    assertEquals("trigger-instance-7", outcome.externalRef());
    assertEquals("soc.new_alert", received.get(0).json().getString("trigger"));
  }

  @Test
  @DisplayName("execute-action: the request's pack and action, its parameters rendered the same way")
  void executeAction() throws Exception {
    JsonObject data = new JsonObject().put("title", "Service outage detected").put("severity", "critical")
        .put("affected_services", new JsonArray().add("api").add("database"));
    JsonObject action = new JsonObject().put("pack_name", "incident_response").put("action_name", "create_incident")
        .put("action_parameters", new JsonObject().put("escalation_level", "immediate")
            .put("notification_channels", new JsonArray().add("slack").add("email"))
            .put("services", "{{ alert.affected_services }}")
            .put("summary", "{{ incident_id }}: {{ title }} ({{ severity }})"));
    AttemptOutcome outcome = await(connector(config()).send(integration("inc-123", data, action)));

    assertEquals(AttemptResult.DELIVERED, outcome.result());
    assertEquals(EXECUTION_ID, outcome.externalRef());
    FakeStackStorm.Received got = received.get(0);
    assertEquals("/api/v1/executions", got.uri());
    assertHeaders(got, true);
    assertEquals(new JsonObject()
        .put("action", "incident_response.create_incident")
        .put("parameters", new JsonObject().put("escalation_level", "immediate")
            .put("notification_channels", new JsonArray().add("slack").add("email"))
            .put("services", new JsonArray().add("api").add("database"))
            .put("summary", "inc-123: Service outage detected (critical)")), got.json());
  }

  @Test
  @DisplayName("send-alert without action parameters: the action runs with none, also when a trigger is configured")
  void sendAlertWithoutParameters() throws Exception {
    JsonObject action = new JsonObject().put("pack_name", "monitoring").put("action_name", "handle_alert")
        .put("action_parameters", (Object) null);
    AttemptOutcome outcome = await(connector(triggerConfig()).send(integration("alert-456",
        new JsonObject().put("title", "High CPU usage detected"), action)));
    assertEquals(AttemptResult.DELIVERED, outcome.result());
    assertEquals("/api/v1/executions", received.get(0).uri());
    assertEquals(new JsonObject().put("action", "monitoring.handle_alert").put("parameters", new JsonObject()),
        received.get(0).json());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'../../v1/apikeys' | create_incident | 'pack_name must be letters, digits, _ and - (at most 255)'",
      "incident_response | 'a.b' | 'action_name must be letters, digits, _ and - (at most 255)'",
      "incident_response | '' | 'action_name must be letters, digits, _ and - (at most 255)'"})
  @DisplayName("An action the request names wrongly is refused for good before anything is sent")
  void wrongRequestedAction(String pack, String name, String error) throws Exception {
    JsonObject action = new JsonObject().put("pack_name", pack).put("action_name", name);
    AttemptOutcome outcome = await(connector(config()).send(integration("inc-1", new JsonObject(), action)));
    assertEquals(AttemptResult.PERMANENT, outcome.result());
    assertEquals(error, outcome.error());
    assertEquals(List.of(), received);

    JsonObject notAnObject = new JsonObject().put("pack_name", "p").put("action_name", "a")
        .put("action_parameters", "x");
    assertEquals("action_parameters must be an object",
        await(connector(config()).send(integration("inc-1", new JsonObject(), notAnObject))).error());
    assertEquals(List.of(), received);
  }

  @ParameterizedTest
  @CsvSource({"400, PERMANENT", "401, PERMANENT", "403, PERMANENT", "404, PERMANENT", "408, RETRYABLE",
      "409, PERMANENT", "429, RETRYABLE", "500, RETRYABLE", "502, RETRYABLE", "503, RETRYABLE"})
  @DisplayName("Each refusal is classified the shared way, StackStorm's faultstring in the error")
  void refusals(int status, AttemptResult expected) throws Exception {
    script.add(request -> request.response().setStatusCode(status)
        .end("{\"faultstring\":\"Action \\\"incident_response.create_incident\\\" cannot be found.\"}"));
    AttemptOutcome outcome = await(connector(config()).send(routed(EventType.CREATED)));

    assertEquals(expected, outcome.result());
    assertEquals(status, outcome.status());
    assertNull(outcome.externalRef());
    assertEquals("StackStorm answered " + status + ": Action \"incident_response.create_incident\" cannot be found.",
        outcome.error());
  }

  @Test
  @DisplayName("429 with Retry-After: the wait is kept for the retry schedule")
  void retryAfter() throws Exception {
    script.add(request -> request.response().setStatusCode(429).putHeader("Retry-After", "7")
        .end("{\"faultstring\":\"Too many requests\"}"));
    AttemptOutcome outcome = await(connector(config()).send(routed(EventType.CREATED)));
    assertEquals(AttemptResult.RETRYABLE, outcome.result());
    assertEquals(Optional.of(Duration.ofSeconds(7)), outcome.retryAfter());
    assertEquals("StackStorm answered 429: Too many requests", outcome.error());
  }

  @Test
  @DisplayName("Answers that cannot be read do not throw: a 201 is delivered without an id, a 500 is retried")
  void unreadableAnswers() throws Exception {
    script.add(request -> request.response().setStatusCode(201).end("<html>created</html>"));
    script.add(request -> request.response().setStatusCode(201).end());
    script.add(request -> request.response().setStatusCode(201).end("{\"id\": 42, \"status\": \"requested\"}"));
    script.add(request -> request.response().setStatusCode(500).end("<html>Internal Server Error</html>"));
    script.add(request -> request.response().setStatusCode(400).end("{\"faultstring\": 17}"));
    script.add(request -> request.response().setStatusCode(400).end("{\"faultstring\":\"" + "x".repeat(5_000)
        + "\"}"));
    StackStormConnector connector = connector(config());
    List<AttemptOutcome> outcomes = List.of(await(connector.send(routed(EventType.CREATED))),
        await(connector.send(routed(EventType.CREATED))), await(connector.send(routed(EventType.CREATED))),
        await(connector.send(routed(EventType.CREATED))), await(connector.send(routed(EventType.CREATED))),
        await(connector.send(routed(EventType.CREATED))));

    for (int i = 0; i < 3; i++) {
      assertEquals(AttemptResult.DELIVERED, outcomes.get(i).result());
      assertNull(outcomes.get(i).externalRef());
    }
    assertEquals("<html>created</html>", outcomes.get(0).response());
    assertEquals("StackStorm answered 500", outcomes.get(3).error());
    assertEquals(AttemptResult.RETRYABLE, outcomes.get(3).result());
    assertEquals("StackStorm answered 400", outcomes.get(4).error());
    assertEquals("StackStorm answered 400: " + "x".repeat(300) + "...", outcomes.get(5).error());
    assertEquals(1_024, outcomes.get(5).response().length());
  }

  @Test
  @DisplayName("An execution's id behind a large echo of its parameters is still found; past 1 MiB it is not read")
  void largeExecutionAnswers() throws Exception {
    script.add(request -> request.response().setStatusCode(201)
        .end(execution(EXECUTION_ID, "p".repeat(300_000)).encode()));
    script.add(request -> request.response().setStatusCode(201)
        .end(execution(EXECUTION_ID, "p".repeat(2_000_000)).encode()));
    StackStormConnector connector = connector(config());
    AttemptOutcome large = await(connector.send(routed(EventType.CREATED)));
    AttemptOutcome huge = await(connector.send(routed(EventType.CREATED)));

    assertEquals(EXECUTION_ID, large.externalRef());
    assertEquals(AttemptResult.DELIVERED, huge.result());
    assertNull(huge.externalRef());
    assertEquals(1_024, huge.response().length());
  }

  @Test
  @DisplayName("An API that does not answer in time, or is not there, is worth retrying")
  void noAnswer() throws Exception {
    script.add(request -> { });  // never answers
    AttemptOutcome slow = await(connector(config().put("timeout", 1)).send(routed(EventType.CREATED)));
    assertEquals(AttemptResult.RETRYABLE, slow.result());
    assertEquals(0, slow.status());
    assertTrue(slow.error().startsWith("no answer: "), slow.error());

    AttemptOutcome absent = await(connector(config().put("base_url", closedAddress())).send(routed(EventType.CREATED)));
    assertEquals(AttemptResult.RETRYABLE, absent.result());
    assertEquals(0, absent.status());
    assertTrue(absent.error().startsWith("no answer: "), absent.error());
  }

  @Test
  @DisplayName("A base_url ending in /api is not given a second /api")
  void baseUrlWithApi() throws Exception {
    await(connector(config().put("base_url", "http://127.0.0.1:" + st2.port() + "/api"))
        .send(routed(EventType.CREATED)));
    assertEquals("/api/v1/executions", received.get(0).uri());
  }

  @Test
  @DisplayName("A key StackStorm echoes is redacted from the error and the answer kept; no outcome shows it")
  void keyNeverInOutcomes() throws Exception {
    script.add(request -> request.response().setStatusCode(401)
        .end("{\"faultstring\":\"Unauthorized - ApiKey with key " + KEY + " not found.\"}"));
    script.add(request -> request.response().setStatusCode(500).end("{\"faultstring\":\"Internal Server Error\"}"));
    StackStormConnector connector = connector(config());
    AttemptOutcome echoed = await(connector.send(routed(EventType.CREATED)));
    AttemptOutcome failed = await(connector.send(routed(EventType.CREATED)));
    AttemptOutcome absent = await(connector(config().put("base_url", closedAddress())).send(routed(EventType.CREATED)));

    assertEquals("StackStorm answered 401: Unauthorized - ApiKey with key [redacted] not found.", echoed.error());
    assertEquals("{\"faultstring\":\"Unauthorized - ApiKey with key [redacted] not found.\"}", echoed.response());
    for (AttemptOutcome outcome : List.of(echoed, failed, absent)) {
      assertFalse(String.valueOf(outcome).contains(KEY), String.valueOf(outcome));
    }
    assertFalse(connector.toString().contains(KEY), connector.toString());
  }

  @Test
  @DisplayName("A target in a private range is refused before any request leaves, unless its range is allowed")
  void privateTargetsRefused() throws Exception {
    StackStormConnector unguarded = new StackStormConnector(vertx, StackStormSettings.fromJson(config()),
        new TargetGuard(vertx, List.of()), Clock.systemUTC());
    AttemptOutcome outcome = await(unguarded.send(routed(EventType.CREATED)));
    assertEquals(AttemptResult.PERMANENT, outcome.result());
    assertTrue(outcome.error().startsWith("refused: "), outcome.error());
    assertEquals(List.of(), received);
  }

  private JsonObject config() {
    return st2.config();
  }

  private JsonObject triggerConfig() {
    JsonObject config = config();
    config.remove("action");
    config.remove("parameters");
    return config;
  }

  private StackStormConnector connector(JsonObject config) {
    return st2.connector(config);
  }

  private static final String DOCUMENT = "{\"title\":\"Encoded PowerShell\",\"severity\":\"high\",\"indicators\":"
      + "{\"ips\":[{\"value\":\"203.0.113.9\",\"role\":\"source\"}]},\"host\":{\"name\":\"ws-17\"}}";

  private static StoredAlert alert() {
    return new StoredAlert(UUID.fromString("01a22f8a-adb4-7ae6-a196-fc5053a9fdc2"),
        UUID.fromString("01a22f8a-ad82-754f-b280-a0968dc2eb5b"), "elastic", Severity.HIGH, AlertStatus.OPEN,
        "elastic:rule-1:alert-1", Instant.parse("2026-12-01T02:59:07.261Z"), DOCUMENT);
  }

  private static DeliveryRequest routed(EventType eventType) {
    return new DeliveryRequest(DELIVERY_ID, "soc-stackstorm", alert().correlationKey(), 1, eventType,
        Incident.of(alert()), Optional.empty(), new JsonObject(), Instant.now().plusSeconds(60));
  }

  /** An integration request as the admin side keeps it: its incident, and the endpoint's own parameters. */
  private static DeliveryRequest integration(String incidentId, JsonObject data, JsonObject action) {
    JsonObject recorded = ActionRequest.of(data, "operator", new JsonObject(), action);
    Incident incident = Incident.of(recorded.getJsonObject("incident_data"), recorded.getString("source"),
        recorded.getJsonObject("details"));
    return new DeliveryRequest(DELIVERY_ID, "soc-stackstorm", incidentId, 1, EventType.CREATED, incident,
        Optional.empty(), recorded.getJsonObject("parameters"), Instant.now().plusSeconds(60));
  }
}
