package io.alertgate.deliver;

import io.alertgate.alert.AlertStatus;
import io.alertgate.alert.EventType;
import io.alertgate.alert.Severity;
import io.alertgate.alert.StoredAlert;
import io.alertgate.config.DestinationSettings;
import io.alertgate.net.Cidr;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * One table for every connector: each answer a destination can give, and each way it can fail to answer, classified
 * the same way by all four (2xx delivered; 408, 429, 5xx and no answer worth retrying; any other answer permanent).
 */
class ConnectorAnswersTest {

  private static final String KEY = "R0UT1NGKEY0123456789abcdefABCDEF";
  /** What the fake destination does with the call that matters: an HTTP status, or one of the failures. */
  private static final String REFUSED = "connection refused";
  private static final String SILENT = "no answer within the timeout";
  private static final String RESET = "connection reset";

  private static Vertx vertx;
  private static HttpServer destination;
  private static TargetGuard guard;
  private static int closedPort;
  private static final AtomicReference<String> behaviour = new AtomicReference<>("200");

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    guard = new TargetGuard(vertx, List.of(Cidr.parse("127.0.0.0/8")));
    destination = await(vertx.createHttpServer().requestHandler(request -> request.body()
        .onSuccess(body -> answer(request))).listen(0, "127.0.0.1"));
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    await(guard.close());
    await(vertx.close());
  }

  /** Jira is searched before an issue is opened: the search always answers, and the create plays the part. */
  private static void answer(HttpServerRequest request) {
    String does = behaviour.get();
    if (request.path().endsWith("/search/jql")) {
      request.response().putHeader("Content-Type", "application/json").end("{\"issues\":[],\"isLast\":true}");
      return;
    }
    switch (does) {
      case SILENT -> { }
      case RESET -> request.connection().close();
      default -> {
        int status = Integer.parseInt(does);
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (status == 429) {
          request.response().putHeader("Retry-After", "7");
        }
        request.response().end(status < 300 ? success(request.path()) : "{\"error\":\"no\"}");
      }
    }
  }

  private static String success(String path) {
    return switch (path) {
      case "/v2/enqueue" -> "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}";
      case "/rest/api/3/issue" -> "{\"id\":\"10001\",\"key\":\"SOC-1\"}";
      case "/api/v1/executions" -> "{\"id\":\"exec-1\",\"status\":\"requested\"}";
      default -> "{}";
    };
  }

  static Stream<Arguments> table() {
    Map<String, AttemptResult> answers = new LinkedHashMap<>();
    for (String status : List.of("200", "201", "202", "204")) {
      answers.put(status, AttemptResult.DELIVERED);
    }
    for (String status : List.of("400", "401", "403", "404", "405", "409", "410", "413", "422")) {
      answers.put(status, AttemptResult.PERMANENT);
    }
    for (String status : List.of("408", "429", "500", "502", "503", "504")) {
      answers.put(status, AttemptResult.RETRYABLE);
    }
    answers.put(REFUSED, AttemptResult.RETRYABLE);
    answers.put(SILENT, AttemptResult.RETRYABLE);
    answers.put(RESET, AttemptResult.RETRYABLE);
    List<Arguments> rows = new ArrayList<>();
    for (String type : DestinationTypes.names()) {
      answers.forEach((does, expected) -> rows.add(Arguments.of(type, does, expected)));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("table")
  void classifiedAlike(String type, String does, AttemptResult expected) throws Exception {
    behaviour.set(does);
    String base = "http://127.0.0.1:" + (does.equals(REFUSED) ? closedPort : destination.actualPort());
    Destination made = Destination.make(vertx, "table-" + type, type, settings(type, base), guard,
        Clock.systemUTC());
    try {
      AttemptOutcome outcome = await(made.connector().send(request()));
      assertEquals(expected, outcome.result(), type + " " + does + ": " + outcome.error());
      if (expected != AttemptResult.DELIVERED) {
        assertNotNull(outcome.error(), "a failure says why");
      }
      if (does.equals("429")) {
        assertEquals(Optional.of(true), outcome.retryAfter().map(d -> d.toSeconds() >= 7), "Retry-After honoured");
      }
    } finally {
      await(made.connector().close());
    }
  }

  @Test
  @DisplayName("The configuration accepts exactly the types the registry has connectors for")
  void configurationKnowsEveryType() {
    assertEquals(DestinationTypes.names().stream().sorted().toList(),
        DestinationSettings.TYPES.stream().sorted().toList());
  }

  private static JsonObject settings(String type, String base) {
    return switch (type) {
      case "webhook" -> new JsonObject().put("url", base + "/hook").put("timeout", 1);
      case "pagerduty" -> new JsonObject().put("base_url", base).put("integration_key", KEY).put("timeout", 1);
      case "jira" -> new JsonObject().put("base_url", base).put("username", "soc@example.com")
          .put("api_token", "t").put("project_key", "SOC").put("timeout", 1);
      case "stackstorm" -> new JsonObject().put("base_url", base).put("api_key", "k").put("action", "core.local")
          .put("timeout", 1);
      default -> throw new IllegalArgumentException("a type this table does not know yet: " + type);
    };
  }

  private static DeliveryRequest request() {
    StoredAlert alert = new StoredAlert(UUID.fromString("01a22f8a-adb4-7ae6-a196-fc5053a9fdc2"),
        UUID.fromString("01a22f8a-ad82-754f-b280-a0968dc2eb5b"), "elastic", Severity.HIGH, AlertStatus.OPEN,
        "elastic:rule-1:alert-1", Instant.parse("2026-12-01T02:59:07.261Z"),
        "{\"title\":\"Encoded PowerShell\",\"severity\":\"high\",\"indicators\":{}}");
    return new DeliveryRequest(UUID.randomUUID(), "table", alert.correlationKey(), 1, EventType.CREATED,
        Incident.of(alert), Optional.empty(), new JsonObject(), Instant.now().plusSeconds(10));
  }
}
