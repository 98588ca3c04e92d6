package io.alertgate.deliver.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.alertgate.alert.AlertStatus;
import io.alertgate.alert.EventType;
import io.alertgate.alert.Severity;
import io.alertgate.alert.StoredAlert;
import io.alertgate.deliver.AttemptOutcome;
import io.alertgate.deliver.AttemptResult;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.Incident;
import io.alertgate.net.Cidr;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic webhook connector against a receiver on loopback that records requests and plays scripted answers. */
class WebhookConnectorTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String TOKEN = "receiver-token-4f1d";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Cidr> LOOPBACK_ALLOWED = List.of(Cidr.parse("127.0.0.0/8"));

  /** A request as the receiver saw it. */
  private record Received(String method, String uri, Map<String, String> headers, String body) {}

  private Vertx vertx;
  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Queue<Consumer<HttpServerRequest>> script = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    receiver = await(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      request.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
      received.add(new Received(request.method().name(), request.uri(), headers, body.toString()));
      Consumer<HttpServerRequest> answer = script.poll();
      if (answer == null) {
        request.response().setStatusCode(200).end("{\"ok\":true}");
      } else {
        answer.accept(request);
      }
    })).listen(0, "127.0.0.1"));
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("A delivered webhook: the guide's body, its headers, and a signature the reference library verifies")
  void delivers() throws Exception {
    DeliveryRequest request = request(1);
    AttemptOutcome outcome = await(connector(config()).send(request));

    assertEquals(AttemptResult.DELIVERED, outcome.result());
    assertEquals(200, outcome.status());
    assertEquals(request.deliveryId().toString(), outcome.externalRef());
    assertEquals("{\"ok\":true}", outcome.response());
    Received got = received.get(0);
    assertEquals("POST", got.method());
    assertEquals("/hooks/soc?team=blue&token=" + TOKEN, got.uri());
    assertEquals("application/json", got.headers().get("content-type"));
    assertEquals("Bearer " + TOKEN, got.headers().get("authorization"));
    assertEquals(request.deliveryId().toString(), got.headers().get("webhook-id"));
    assertDoesNotThrow(() -> new Webhook(SECRET).verify(got.body(), Map.of(
        "webhook-id", List.of(got.headers().get("webhook-id")),
        "webhook-timestamp", List.of(got.headers().get("webhook-timestamp")),
        "webhook-signature", List.of(got.headers().get("webhook-signature")))));
    JsonNode body = JSON.readTree(got.body());
    assertEquals("created", body.get("event_type").asText());
    assertEquals("elastic:rule-1:alert-1", body.get("incident_id").asText());
    assertEquals("Encoded PowerShell", body.get("incident_data").get("title").asText());
    assertEquals("elastic", body.get("source").asText());
    assertEquals("high", body.get("custom_details").get("severity").asText());
    assertEquals("203.0.113.9", body.get("custom_details").get("indicators").get("ips").get(0).get("value").asText());
    assertTrue(body.get("timestamp").asText().endsWith("Z"));
  }

  @Test
  @DisplayName("Every attempt of one delivery carries the same webhook-id, so a receiver can tell a retry")
  void retriesKeepTheWebhookId() throws Exception {
    script.add(request -> request.response().setStatusCode(503).end());
    WebhookConnector connector = connector(config());
    AttemptOutcome first = await(connector.send(request(1)));
    AttemptOutcome second = await(connector.send(request(2)));

    assertEquals(AttemptResult.RETRYABLE, first.result());
    assertEquals(AttemptResult.DELIVERED, second.result());
    assertEquals(received.get(0).headers().get("webhook-id"), received.get(1).headers().get("webhook-id"));
  }

  @ParameterizedTest
  @CsvSource({"408, RETRYABLE", "429, RETRYABLE", "500, RETRYABLE", "502, RETRYABLE", "503, RETRYABLE",
      "400, PERMANENT", "401, PERMANENT", "404, PERMANENT", "410, PERMANENT", "422, PERMANENT", "301, PERMANENT",
      "204, DELIVERED", "202, DELIVERED"})
  @DisplayName("Each answer is classified once, the shared way; redirects are not followed")
  void classifiesAnswers(int status, AttemptResult expected) throws Exception {
    script.add(request -> request.response().setStatusCode(status).putHeader("Location", "http://10.0.0.1/")
        .end("x".repeat(5_000)));
    AttemptOutcome outcome = await(connector(config()).send(request(1)));

    assertEquals(expected, outcome.result());
    assertEquals(status, outcome.status());
    assertEquals(1, received.size(), "one request, no redirect followed");
    assertEquals(status == 204 ? 0 : 1_024, outcome.response().length(), "the answer is kept, cut short");
  }

  @Test
  @DisplayName("Over TLS the connection goes to the checked address; Host, SNI and the certificate check use the name")
  void tlsToTheCheckedAddressUnderItsName() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("hooks.example.test");
    List<String> names = new CopyOnWriteArrayList<>();
    HttpServer tls = await(vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
            .setKeyCertOptions(certificate.keyCertOptions()))
        .requestHandler(request -> {
          names.add(request.connection().indicatedServerName() + " " + request.headers().get("Host"));
          request.response().end();
        })
        .listen(0, "127.0.0.1"));
    // The name resolves, as far as the guard knows, to loopback: no DNS is asked.
    TargetGuard guard = new TargetGuard(vertx, LOOPBACK_ALLOWED, host -> host.equals("hooks.example.test")
        ? new InetAddress[] {InetAddress.getByName("127.0.0.1")} : new InetAddress[0]);
    JsonObject config = config().put("url", "https://hooks.example.test:" + tls.actualPort() + "/x");

    AttemptOutcome trusting = await(new WebhookConnector(vertx, WebhookSettings.fromJson(config.copy()
        .put("verify_ssl", false)), guard, Clock.systemUTC()).send(request(1)));
    AttemptOutcome verifying = await(new WebhookConnector(vertx, WebhookSettings.fromJson(config), guard,
        Clock.systemUTC()).send(request(1)));

    assertEquals(AttemptResult.DELIVERED, trusting.result());
    assertEquals(List.of("hooks.example.test hooks.example.test:" + tls.actualPort()), names);
    assertEquals(AttemptResult.RETRYABLE, verifying.result(), "a self-signed certificate is refused when verifying");
    assertEquals(1, names.size());
  }

  @Test
  @DisplayName("429 with Retry-After: the wait is kept for the retry schedule")
  void retryAfter() throws Exception {
    script.add(request -> request.response().setStatusCode(429).putHeader("Retry-After", "7").end());
    AttemptOutcome outcome = await(connector(config()).send(request(1)));
    assertEquals(AttemptResult.RETRYABLE, outcome.result());
    assertEquals(Optional.of(Duration.ofSeconds(7)), outcome.retryAfter());
  }

  @Test
  @DisplayName("A receiver that does not answer in time, or is not there, is worth retrying")
  void noAnswer() throws Exception {
    script.add(request -> { });  // never answers
    AttemptOutcome slow = await(connector(config().put("timeout", 1)).send(request(1)));
    assertEquals(AttemptResult.RETRYABLE, slow.result());
    assertEquals(0, slow.status());
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AttemptOutcome absent = await(connector(config().put("url", "http://127.0.0.1:" + closedPort + "/x"))
        .send(request(1)));
    assertEquals(AttemptResult.RETRYABLE, absent.result());
    assertTrue(absent.error().startsWith("no answer: "), absent.error());
  }

  @Test
  @DisplayName("A target in a private range is refused before any request leaves, unless its range is allowed")
  void privateTargetsRefused() throws Exception {
    WebhookSettings config = WebhookSettings.fromJson(config());
    WebhookConnector unguarded = new WebhookConnector(vertx, config, new TargetGuard(vertx, List.of()),
        Clock.systemUTC());
    AttemptOutcome outcome = await(unguarded.send(request(1)));

    assertEquals(AttemptResult.PERMANENT, outcome.result());
    assertEquals("refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address outside the allowed ranges",
        outcome.error());
    assertEquals(List.of(), received);
  }

  @Test
  @DisplayName("No outcome shows the query's token or a configured header's value")
  void noSecretInOutcomes() throws Exception {
    script.add(request -> request.response().setStatusCode(500).end("internal"));
    AttemptOutcome failed = await(connector(config()).send(request(1)));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AttemptOutcome absent = await(connector(config().put("url", "http://127.0.0.1:" + closedPort + "/x?token=" + TOKEN))
        .send(request(1)));
    for (AttemptOutcome outcome : List.of(failed, absent)) {
      assertFalse(String.valueOf(outcome).contains(TOKEN), String.valueOf(outcome));
      assertFalse(String.valueOf(outcome).contains("whsec_"), String.valueOf(outcome));
    }
    assertEquals("POST http://127.0.0.1:" + receiver.actualPort() + "/...", failed.request().split(" \\(")[0]);
  }

  @Test
  @DisplayName("A token in the path, as chat webhooks carry theirs, is never shown either")
  void noPathSecretInOutcomes() throws Exception {
    script.add(request -> request.response().setStatusCode(404).end());
    AttemptOutcome outcome = await(connector(config().put("url", "http://127.0.0.1:" + receiver.actualPort()
        + "/services/T0001/B0002/" + TOKEN)).send(request(1)));
    assertEquals(AttemptResult.PERMANENT, outcome.result());
    assertEquals("/services/T0001/B0002/" + TOKEN, received.get(0).uri());
    assertFalse(String.valueOf(outcome).contains(TOKEN), String.valueOf(outcome));
  }

  @Test
  @DisplayName("A huge answer is cut off after its first KiB, never read into memory whole")
  void hugeAnswersCutOff() throws Exception {
    script.add(request -> {
      request.response().setChunked(true).setStatusCode(200);
      for (int i = 0; i < 20; i++) {
        request.response().write("y".repeat(1024 * 1024));
      }
      request.response().end();
    });
    AttemptOutcome outcome = await(connector(config()).send(request(1)));
    assertEquals(AttemptResult.DELIVERED, outcome.result());
    assertEquals(1_024, outcome.response().length());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "url | ftp://example.com/x | url must be an absolute http or https address with a host",
      "url | https://user:pw@example.com/ | url must not carry credentials",
      "method | DELETE | method must be POST, PUT or PATCH",
      "timeout | 0 | timeout must be a whole number of seconds from 1 to 300",
      "timeout | 301 | timeout must be a whole number of seconds from 1 to 300",
      "secret | not-a-secret | secret must be a Standard Webhooks secret: whsec_ followed by base64"})
  @DisplayName("A wrong field is refused with a message that names it and echoes no secret")
  void checksItsConfiguration(String field, String value, String message) {
    JsonObject json = config();
    json.put(field, field.equals("timeout") ? (Object) Integer.valueOf(value) : value);
    assertEquals(message,
        assertThrows(IllegalArgumentException.class, () -> WebhookSettings.fromJson(json)).getMessage());
  }

  @Test
  @DisplayName("A field the webhook does not have, such as a misspelt secret, is refused by name")
  void unknownFields() {
    JsonObject misspelt = config().put("secert", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertEquals("'secert' is not a webhook field (ca_pem, headers, method, retry_count, secret, timeout, url, verify_ssl)",
        assertThrows(IllegalArgumentException.class, () -> WebhookSettings.fromJson(misspelt)).getMessage());
  }

  @Test
  @DisplayName("Headers the signature covers cannot be configured, and a configured value is never echoed")
  void reservedHeaders() {
    JsonObject signatureHeader = config().put("headers", new JsonObject().put("webhook-id", "mine"));
    assertEquals("headers: 'webhook-id' is not a header this webhook may set",
        assertThrows(IllegalArgumentException.class, () -> WebhookSettings.fromJson(signatureHeader)).getMessage());
    JsonObject badValue = config().put("headers", new JsonObject().put("X-Key", TOKEN + "\r\nX-Evil: 1"));
    String message = assertThrows(IllegalArgumentException.class, () -> WebhookSettings.fromJson(badValue)).getMessage();
    assertFalse(message.contains(TOKEN), message);
    assertFalse(WebhookSettings.fromJson(config()).toString().contains(TOKEN));
    assertNull(WebhookSettings.fromJson(config().put("secret", (Object) null)).signingKey().orElse(null));
  }

  private JsonObject config() {
    return new JsonObject()
        .put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hooks/soc?team=blue&token=" + TOKEN)
        .put("method", "POST")
        .put("headers", new JsonObject().put("Authorization", "Bearer " + TOKEN))
        .put("timeout", 5)
        .put("verify_ssl", true)
        .put("secret", SECRET);
  }

  private WebhookConnector connector(JsonObject config) {
    return new WebhookConnector(vertx, WebhookSettings.fromJson(config), new TargetGuard(vertx, LOOPBACK_ALLOWED),
        Clock.systemUTC());
  }

  private static DeliveryRequest request(int attempt) {
    StoredAlert alert = new StoredAlert(UUID.fromString("01a22f8a-adb4-7ae6-a196-fc5053a9fdc2"),
        UUID.fromString("01a22f8a-ad82-754f-b280-a0968dc2eb5b"), "elastic", Severity.HIGH, AlertStatus.OPEN,
        "elastic:rule-1:alert-1", Instant.parse("2026-12-01T02:59:07.261Z"),
        "{\"title\":\"Encoded PowerShell\",\"severity\":\"high\",\"indicators\":{\"ips\":[{\"value\":\"203.0.113.9\","
            + "\"role\":\"source\"}]}}");
    return new DeliveryRequest(UUID.fromString("01a22f90-0000-7000-8000-000000000001"), "soc-webhook",
        alert.correlationKey(), attempt, EventType.CREATED, Incident.of(alert), Optional.empty(), new JsonObject(),
        Instant.now().plusSeconds(60));
  }
}
