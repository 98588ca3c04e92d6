package io.alertgate.ingest;

import io.alertgate.bus.Addresses;
import io.alertgate.support.LogCapture;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookIngestTest {

  private static final String ALERT = """
      {"@timestamp":"2026-11-20T10:00:00.000Z","kibana.alert.uuid":"7f3c2a10-aaaa-4bbb-8ccc-000000000001",\
      "kibana.alert.rule.name":"Suspicious PowerShell \u2013 encoded command","kibana.alert.severity":"high",\
      "host":{"name":"ws-\u00e9t\u00e9-01"},"source.ip":"203.0.113.7","unknown_field":{"x":[1,2,3]}}""";

  private static RunningGateway gw;
  private static LogCapture logs;

  @BeforeAll
  static void start() {
    logs = LogCapture.attach();
    gw = RunningGateway.start(TestConfigs.config());
  }

  @AfterAll
  static void stop() {
    gw.close();
    String logged = logs.text();
    logs.close();
    for (String secret : List.of(TestConfigs.ELASTIC_SECRET, TestConfigs.ELASTIC_OLD_SECRET, TestConfigs.SENTINEL_SECRET,
        TestConfigs.SPLUNK_TOKEN, TestConfigs.WHSEC, "It's a Secret to Everybody", "base64-secret")) {
      assertFalse(logged.contains(secret), "a log line holds a secret");
    }
  }

  @BeforeEach
  void clean() {
    TestDatabase.truncate();
  }

  @Test
  @DisplayName("A signed alert gets 202 with an id; the same alert again gets 200 duplicate with the same id")
  void acceptedThenDuplicate() throws Exception {
    HttpResponse<Buffer> first = elastic(ALERT, TestConfigs.ELASTIC_SECRET);
    assertEquals(202, first.statusCode());
    assertEquals("application/json", first.getHeader("Content-Type"));
    JsonObject accepted = first.bodyAsJsonObject();
    assertEquals("accepted", accepted.getString("status"));
    UUID id = UUID.fromString(accepted.getString("id"));
    assertEquals(7, id.version());

    HttpResponse<Buffer> second = elastic(ALERT, TestConfigs.ELASTIC_SECRET);
    assertEquals(200, second.statusCode());
    assertEquals(new JsonObject().put("id", id.toString()).put("status", "duplicate"), second.bodyAsJsonObject());
    assertEquals(1, TestDatabase.count("SELECT count(*) FROM inbound_event"));
  }

  @Test
  @DisplayName("The raw body is stored byte for byte with source, dedup key, remote address and no credentials")
  void storedAsReceived() throws Exception {
    HttpResponse<Buffer> response = gw.send(gw.post("elastic")
        .putHeader("X-Elastic-Signature", "sha256=" + Signatures.hex(TestConfigs.ELASTIC_SECRET, ALERT))
        .putHeader("Authorization", "Bearer should-not-be-kept")
        .putHeader("User-Agent", "Kibana/8.14")
        .putHeader("X-Request-Id", "req-1"), ALERT);
    assertEquals(202, response.statusCode());
    String id = response.bodyAsJsonObject().getString("id");
    try (Connection db = TestDatabase.connect(); PreparedStatement query = db.prepareStatement(
        "SELECT e.source, e.dedup_key, e.body, e.headers::text, e.remote_addr, s.status, e.received_at,"
            + " s.source = e.source AND s.received_at = e.received_at"
            + " FROM inbound_event e JOIN inbound_state s ON s.id = e.id WHERE e.id = ?::uuid")) {
      query.setString(1, id);
      ResultSet row = query.executeQuery();
      assertTrue(row.next());
      assertEquals("elastic", row.getString(1));
      assertEquals("kibana:7f3c2a10-aaaa-4bbb-8ccc-000000000001", row.getString(2));
      assertArrayEquals(ALERT.getBytes(StandardCharsets.UTF_8), row.getBytes(3));
      JsonObject headers = new JsonObject(row.getString(4));
      assertEquals("Kibana/8.14", headers.getString("user-agent"));
      assertEquals("req-1", headers.getString("x-request-id"));
      assertFalse(row.getString(4).toLowerCase().contains("authorization"));
      assertFalse(row.getString(4).toLowerCase().contains("signature"));
      assertEquals("127.0.0.1", row.getString(5));
      assertEquals("received", row.getString(6));
      assertNotNull(row.getTimestamp(7));
      assertTrue(row.getBoolean(8), "the state row repeats the event's source and arrival time");
    }
  }

  @Test
  @DisplayName("After the commit the event id is published on alertgate.inbox.<source>")
  void publishedOnTheBus() throws Exception {
    CompletableFuture<String> received = new CompletableFuture<>();
    MessageConsumer<String> consumer = gw.vertx.eventBus().consumer(Addresses.inbox("elastic"),
        message -> received.complete(message.body()));
    gw.await(consumer.completion());
    try {
      String id = elastic(ALERT, TestConfigs.ELASTIC_SECRET).bodyAsJsonObject().getString("id");
      assertEquals(id, received.get(10, TimeUnit.SECONDS));
      assertEquals(1, TestDatabase.count("SELECT count(*) FROM inbound_event WHERE id = '" + id + "'"));
    } finally {
      gw.await(consumer.unregister());
    }
  }

  @Test
  @DisplayName("The old secret still works during a rotation")
  void rotatedSecret() {
    assertEquals(202, elastic(ALERT, TestConfigs.ELASTIC_OLD_SECRET).statusCode());
  }

  @Test
  @DisplayName("Checks run in order: 404 source, 413 size, 415 media type, 401 auth, 400 JSON")
  void checkOrder() {
    String badJson = "{\"a\":";
    // Unknown source beats everything else.
    assertError(gw.send(gw.client.post(gw.gateway.ingestPort(), "127.0.0.1", "/api/v1/webhooks/nope")
        .putHeader("Content-Type", "text/plain"), "x"), 404, "unknown_source");
    // Size beats media type.
    assertError(gw.send(gw.client.post(gw.gateway.ingestPort(), "127.0.0.1", "/api/v1/webhooks/elastic")
        .putHeader("Content-Type", "text/plain"), "x".repeat(1024 * 1024 + 1)), 413, "payload_too_large");
    // Media type beats auth.
    assertError(gw.send(gw.client.post(gw.gateway.ingestPort(), "127.0.0.1", "/api/v1/webhooks/elastic")
        .putHeader("Content-Type", "text/plain"), ALERT), 415, "unsupported_media_type");
    // Auth beats JSON.
    assertError(elastic(badJson, "wrong-secret"), 401, "invalid_signature");
    assertError(elastic(badJson, TestConfigs.ELASTIC_SECRET), 400, "malformed_json");
    assertEquals(0, TestDatabase.count("SELECT count(*) FROM inbound_event"));
  }

  @Test
  @DisplayName("415 for a missing content type, a non-JSON type and a compressed body; +json types are JSON")
  void mediaTypes() {
    String signature = "sha256=" + Signatures.hex(TestConfigs.ELASTIC_SECRET, ALERT);
    assertError(gw.send(gw.client.post(gw.gateway.ingestPort(), "127.0.0.1", "/api/v1/webhooks/elastic")
        .putHeader("X-Elastic-Signature", signature), ALERT), 415, "unsupported_media_type");
    assertError(gw.send(gw.post("elastic").putHeader("Content-Type", "application/x-www-form-urlencoded")
        .putHeader("X-Elastic-Signature", signature), ALERT), 415, "unsupported_media_type");
    assertError(gw.send(gw.post("elastic").putHeader("Content-Encoding", "gzip")
        .putHeader("X-Elastic-Signature", signature), ALERT), 415, "unsupported_media_type");
    assertEquals(202, gw.send(gw.post("elastic").putHeader("Content-Type", "application/vnd.kibana+json; charset=utf-8")
        .putHeader("X-Elastic-Signature", signature), ALERT).statusCode());
  }

  @Test
  @DisplayName("413 while streaming a chunked body with no Content-Length, and the gateway keeps serving")
  void oversizedChunkedBody() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gw.gateway.ingestPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/webhooks/elastic HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      try {
        // 17 chunks of 64 KiB: just past the 1 MiB limit.
        for (int i = 0; i < 17; i++) {
          out.write(chunk);
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException closedEarly) {
        // The gateway may answer and close before it has read everything: that is the point.
      }
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(response.startsWith("HTTP/1.1 413"), response);
      assertTrue(response.contains("\"error\":\"payload_too_large\""), response);
    }
    assertEquals(202, elastic(ALERT, TestConfigs.ELASTIC_SECRET).statusCode());
    assertEquals(1, TestDatabase.count("SELECT count(*) FROM inbound_event"));
  }

  @Test
  @DisplayName("A sender still writing an oversized declared body reads the 413 instead of a reset, every time")
  void oversizedDeclaredBody() {
    String tooBig = "{\"a\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    for (int i = 0; i < 20; i++) {
      assertError(gw.send(gw.post("elastic"), tooBig), 413, "payload_too_large");
    }
    assertEquals(202, elastic(ALERT, TestConfigs.ELASTIC_SECRET).statusCode());
  }

  @Test
  @DisplayName("A body that does not arrive in time gets 408 and the connection is closed")
  void slowBody() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gw.gateway.ingestPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/webhooks/elastic HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\n\r\n{\"a\":").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(response.startsWith("HTTP/1.1 408"), response);
      assertTrue(response.contains("\"error\":\"request_timeout\""), response);
    }
  }

  @Test
  @DisplayName("401 for missing and forged signatures, with the header named and no secret in the body")
  void signatureErrors() {
    HttpResponse<Buffer> missing = gw.send(gw.post("elastic"), ALERT);
    assertError(missing, 401, "missing_signature");
    assertEquals("The X-Elastic-Signature header is missing", missing.bodyAsJsonObject().getString("message"));
    assertError(elastic(ALERT.replace("high", "low"), TestConfigs.ELASTIC_SECRET, ALERT), 401, "invalid_signature");
    assertError(gw.send(gw.post("sentinel").putHeader("X-Sentinel-Signature", "sha256=" + "0".repeat(64)), "{}"),
        401, "invalid_signature");
  }

  @Test
  @DisplayName("400 for malformed JSON, trailing garbage, scalars, empty bodies, absurd nesting and invalid UTF-8")
  void malformedJson() {
    for (String body : List.of("{\"a\":1", "{\"a\":1} trailing", "{'a':1}", "\"just a string\"", "42", "", "   ",
        "[".repeat(5000) + "]".repeat(5000), "\u0000")) {
      HttpResponse<Buffer> response = elastic(body, TestConfigs.ELASTIC_SECRET);
      assertError(response, 400, "malformed_json");
    }
    byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
    HttpResponse<Buffer> binary = gw.await(gw.post("elastic")
        .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, notUtf8))
        .sendBuffer(Buffer.buffer(notUtf8)));
    assertError(binary, 400, "invalid_encoding");
    assertEquals(0, TestDatabase.count("SELECT count(*) FROM inbound_event"));
  }

  @Test
  @DisplayName("Bodies must be UTF-8 (RFC 8259): ill-formed UTF-8, UTF-16/32 and another declared charset are refused")
  void encodings() {
    List<byte[]> notUtf8 = List.of(
        bytes("{\"a\":\"", 0xC0, 0xAF, '"', '}'),         // an overlong '/'
        bytes("{\"a\":\"", 0xED, 0xA0, 0x80, '"', '}'),   // a surrogate encoded as in CESU-8
        bytes("{\"a\":\"", 0x80, '"', '}'),               // a continuation byte alone
        "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE),
        "{\"a\":1}".getBytes(StandardCharsets.UTF_16),      // big-endian, with its byte order mark
        "{\"a\":1}".getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
    for (byte[] body : notUtf8) {
      assertError(gw.await(gw.post("elastic")
          .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, body))
          .sendBuffer(Buffer.buffer(body))), 400, "invalid_encoding");
    }
    String latin1 = "{\"host\":\"caf\u00e9\"}";
    assertError(gw.send(gw.post("elastic").putHeader("Content-Type", "application/json; charset=latin1")
        .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, latin1)), latin1),
        415, "unsupported_charset");
    assertEquals(0, TestDatabase.count("SELECT count(*) FROM inbound_event"));
  }

  private static byte[] bytes(String prefix, int... rest) {
    byte[] start = prefix.getBytes(StandardCharsets.US_ASCII);
    byte[] all = java.util.Arrays.copyOf(start, start.length + rest.length);
    for (int i = 0; i < rest.length; i++) {
      all[start.length + i] = (byte) rest[i];
    }
    return all;
  }

  @Test
  @DisplayName("HMAC source: a webhook-id dedups exact retries only; another body under it is a new event")
  void unsignedWebhookIdOnHmacSource() {
    String other = ALERT.replace("000000000001", "000000000002");
    HttpResponse<Buffer> first = gw.send(signedElastic(ALERT).putHeader("webhook-id", "evt-7"), ALERT);
    HttpResponse<Buffer> retry = gw.send(signedElastic(ALERT).putHeader("webhook-id", "evt-7"), ALERT);
    HttpResponse<Buffer> reused = gw.send(signedElastic(other).putHeader("webhook-id", "evt-7"), other);
    assertEquals(202, first.statusCode());
    assertEquals(200, retry.statusCode());
    assertEquals(first.bodyAsJsonObject().getString("id"), retry.bodyAsJsonObject().getString("id"));
    assertEquals(202, reused.statusCode(), "an unsigned id must not let a forger block a later real alert");
    assertEquals(2, TestDatabase.count("SELECT count(*) FROM inbound_event"));
  }

  @Test
  @DisplayName("An id with an unpaired surrogate is stored under a digest, and its retry is a duplicate")
  void loneSurrogateId() {
    String body = "{\"kibana.alert.uuid\":\"\\ud800\",\"kibana.alert.rule.name\":\"r\"}";
    String other = "{\"kibana.alert.uuid\":\"\\udbff\",\"kibana.alert.rule.name\":\"r\"}";
    assertEquals(202, elastic(body, TestConfigs.ELASTIC_SECRET).statusCode());
    assertEquals(200, elastic(body, TestConfigs.ELASTIC_SECRET).statusCode());
    assertEquals(202, elastic(other, TestConfigs.ELASTIC_SECRET).statusCode());
  }

  @Test
  @DisplayName("Splunk: the token in a bearer header or in ?token= gets in; none or a wrong one does not")
  void splunkToken() {
    String body = "{\"sid\":\"scheduler__admin__search__RMD5\",\"search_name\":null,\"result\":{\"host\":\"web-1\",\"count\":\"8\"}}";
    assertEquals(202, gw.send(gw.post("splunk").putHeader("Authorization", "Bearer " + TestConfigs.SPLUNK_TOKEN), body)
        .statusCode());
    assertEquals(200, gw.send(gw.client.post(gw.gateway.ingestPort(), "127.0.0.1",
            "/api/v1/webhooks/splunk?token=" + TestConfigs.SPLUNK_TOKEN).putHeader("Content-Type", "application/json"), body)
        .statusCode());
    assertError(gw.send(gw.post("splunk"), body), 401, "missing_token");
    assertError(gw.send(gw.client.post(gw.gateway.ingestPort(), "127.0.0.1", "/api/v1/webhooks/splunk?token=guess")
        .putHeader("Content-Type", "application/json"), body), 401, "invalid_token");
  }

  @Test
  @DisplayName("Standard Webhooks source: valid, retry, replayed id with another body, stale timestamp")
  void standardWebhooksSource() {
    long now = System.currentTimeMillis() / 1000;
    String body = "{\"event\":{\"id\":\"evt-1\"},\"type\":\"alert\"}";
    HttpResponse<Buffer> accepted = standardWebhooks("msg_1", now, body);
    assertEquals(202, accepted.statusCode());
    HttpResponse<Buffer> retried = standardWebhooks("msg_1", now, body);
    assertEquals(200, retried.statusCode());
    assertEquals(accepted.bodyAsJsonObject().getString("id"), retried.bodyAsJsonObject().getString("id"));
    assertError(standardWebhooks("msg_1", now, "{\"event\":{\"id\":\"evt-2\"}}"), 401, "replayed");
    assertError(standardWebhooks("msg_2", now - 600, body), 401, "stale_timestamp");
    assertEquals(1, TestDatabase.count("SELECT count(*) FROM inbound_event"));
  }

  @Test
  @DisplayName("GitHub-style and base64 HMAC sources verify; a source with no secret says it is not configured")
  void otherSchemes() {
    HttpResponse<Buffer> github = gw.send(gw.post("github").putHeader("X-Hub-Signature-256",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"), "Hello, World!");
    // The signature is right, so the request gets past auth and fails only as JSON.
    assertError(github, 400, "malformed_json");
    String body = "{\"alert\":\"b64\"}";
    assertEquals(202, gw.send(gw.post("b64").putHeader("X-Signature", Signatures.base64("base64-secret", body)), body)
        .statusCode());
    HttpResponse<Buffer> unset = gw.send(gw.post("unset").putHeader("X-Sig", "00"), body);
    assertError(unset, 401, "source_not_configured");
    assertEquals(202, gw.send(gw.post("open"), body).statusCode());
  }

  @Test
  @DisplayName("Unknown paths and methods get JSON errors; health answers on both ports")
  void routesAndHealth() {
    assertError(gw.await(gw.client.get(gw.gateway.ingestPort(), "127.0.0.1", "/api/v1/webhooks/elastic").send()),
        405, "method_not_allowed");
    assertError(gw.await(gw.client.get(gw.gateway.ingestPort(), "127.0.0.1", "/nothing").send()), 404, "not_found");
    for (int port : new int[] {gw.gateway.ingestPort(), gw.gateway.adminPort()}) {
      for (String path : List.of("/health/live", "/health/ready")) {
        HttpResponse<Buffer> health = gw.await(gw.client.get(port, "127.0.0.1", path).send());
        assertEquals(200, health.statusCode(), path + " on " + port);
        assertEquals("UP", health.bodyAsJsonObject().getString("status"));
      }
    }
  }

  @Test
  @DisplayName("2,000 concurrent signed requests: 2,000 rows, each acknowledged exactly once")
  void concurrentLoad() {
    int n = 2_000;
    List<Future<HttpResponse<Buffer>>> responses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String body = ALERT.replace("000000000001", String.format("%012d", i + 10));
      responses.add(gw.post("elastic")
          .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, body))
          .sendBuffer(Buffer.buffer(body)));
    }
    gw.await(Future.join(responses));
    Set<String> ids = new HashSet<>();
    for (Future<HttpResponse<Buffer>> response : responses) {
      assertEquals(202, response.result().statusCode(), response.result().bodyAsString());
      assertTrue(ids.add(response.result().bodyAsJsonObject().getString("id")));
    }
    assertEquals(n, ids.size());
    assertEquals(n, TestDatabase.count("SELECT count(*) FROM inbound_event"));
    assertEquals(n, TestDatabase.count("SELECT count(DISTINCT dedup_key) FROM inbound_event"));
    assertEquals(n, TestDatabase.count("SELECT count(*) FROM inbound_event e JOIN inbound_state s ON s.id = e.id"),
        "every event has its state row");
  }

  @Test
  @DisplayName("Concurrent copies of one alert make one row, and every copy gets that row's id")
  void concurrentDuplicates() {
    List<Future<HttpResponse<Buffer>>> responses = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      responses.add(gw.post("elastic")
          .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, ALERT))
          .sendBuffer(Buffer.buffer(ALERT)));
    }
    gw.await(Future.join(responses));
    Set<String> ids = new HashSet<>();
    int accepted = 0;
    for (Future<HttpResponse<Buffer>> response : responses) {
      JsonObject body = response.result().bodyAsJsonObject();
      ids.add(body.getString("id"));
      accepted += "accepted".equals(body.getString("status")) ? 1 : 0;
    }
    assertEquals(1, accepted);
    assertEquals(1, ids.size());
    assertEquals(1, TestDatabase.count("SELECT count(*) FROM inbound_event"));
  }

  private static HttpResponse<Buffer> elastic(String body, String secret) {
    return elastic(body, secret, body);
  }

  private static HttpResponse<Buffer> elastic(String body, String secret, String signedBody) {
    return gw.send(gw.post("elastic").putHeader("X-Elastic-Signature", "sha256=" + Signatures.hex(secret, signedBody)),
        body);
  }

  private static io.vertx.ext.web.client.HttpRequest<Buffer> signedElastic(String body) {
    return gw.post("elastic").putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, body));
  }

  private static HttpResponse<Buffer> standardWebhooks(String id, long timestamp, String body) {
    return gw.send(gw.post("app")
        .putHeader("webhook-id", id)
        .putHeader("webhook-timestamp", String.valueOf(timestamp))
        .putHeader("webhook-signature", Signatures.standardWebhooks(TestConfigs.WHSEC, id, timestamp, body)), body);
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/json", response.getHeader("Content-Type"));
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(code, body.getString("error"));
    assertFalse(body.getString("message").isBlank());
    assertNull(body.getValue("stack"));
    for (String secret : List.of(TestConfigs.ELASTIC_SECRET, TestConfigs.SENTINEL_SECRET, TestConfigs.SPLUNK_TOKEN,
        TestConfigs.WHSEC)) {
      assertFalse(response.bodyAsString().contains(secret));
    }
  }
}
