package io.alertgate.admin;

import io.alertgate.config.GatewayConfig;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.alertgate.support.WebhookReceiver;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.alertgate.support.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /api/v1/deliveries/replay}: the dead letters sent again once a destination is back, and bad bodies. */
class BulkReplayTest {

  private static WebhookReceiver receiver;
  private static RunningGateway gw;

  @BeforeAll
  static void start() throws Exception {
    TestDatabase.truncate();
    receiver = new WebhookReceiver();
    gw = RunningGateway.start(GatewayConfig.parse(receiver.gatewayYaml("soc"), Map.of()));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
    receiver.close();
  }

  @Test
  @DisplayName("Dead letters replayed in bulk reach the destination once each when it is back; again, nothing is sent")
  void deadLettersReplayedOnce() throws Exception {
    receiver.answer(body -> body.contains("Refused") ? 422 : 204);
    for (String title : List.of("Delivered", "Refused one", "Refused two", "Refused three")) {
      String body = "{\"kibana.alert.uuid\":\"bulk-" + title + "\",\"kibana.alert.rule.name\":\"" + title + "\"}";
      assertEquals(202, gw.send(gw.post("elastic")
          .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, body)), body).statusCode());
    }
    waitUntil(() -> TestDatabase.count("SELECT count(*) FROM delivery WHERE status = 'dead'") == 3
        && TestDatabase.count("SELECT count(*) FROM delivery WHERE status = 'delivered'") == 1);
    Instant routed = Instant.now();

    // Filters that match none of them replay nothing.
    String later = routed.plus(1, ChronoUnit.HOURS).toString();
    assertEquals(replayed(0, false), replay("{\"since\":\"" + later + "\"}"));
    assertEquals(replayed(0, false), replay("{\"until\":\"" + routed.minus(1, ChronoUnit.HOURS) + "\"}"));
    assertEquals(replayed(0, false), replay("{\"destination\":\"elsewhere\"}"));
    assertEquals(replayed(0, false), replay("{\"status\":\"retrying\"}"));

    receiver.answer(body -> 204);
    assertEquals(replayed(2, true), replay("{\"destination\":\"soc\",\"status\":\"dead\",\"since\":\""
        + routed.minus(1, ChronoUnit.HOURS) + "\",\"until\":\"" + later + "\",\"limit\":2}"), "the limit leaves one");
    assertEquals(replayed(1, false), replay("{\"destination\":\"soc\"}"));
    waitUntil(() -> TestDatabase.count("SELECT count(*) FROM delivery WHERE status = 'delivered'") == 4);
    assertEquals(replayed(0, false), replay("{}"), "delivered ones are never sent again");
    Thread.sleep(500);

    Map<String, Long> callsById = receiver.calls().stream()
        .collect(Collectors.groupingBy(WebhookReceiver.Call::webhookId, Collectors.counting()));
    assertEquals(4, callsById.size());
    assertEquals(List.of(1L, 2L, 2L, 2L), callsById.values().stream().sorted().toList(),
        "each dead letter sent once more under its same id, the delivered one never again");
    assertEquals(3, TestDatabase.count("SELECT count(*) FROM delivery WHERE attempts = 2 AND retries_from = 1"),
        "replayed as the single replay does: its retries anew, its attempts counted on");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[]", "null", "\"dead\"", "{\"status\":\"delivered\"}", "{\"status\":\"in_flight\"}",
      "{\"status\":5}", "{\"limit\":0}", "{\"limit\":10001}", "{\"limit\":\"10\"}", "{\"limit\":1.5}",
      "{\"limit\":1e30}", "{\"limit\":true}", "{\"since\":\"yesterday\"}", "{\"until\":17}",
      "{\"since\":\"2026-01-02T00:00:00Z\",\"until\":\"2026-01-01T00:00:00Z\"}", "{\"destination\":\"\"}",
      "{\"destination\":{\"name\":\"soc\"}}", "{\"destination\":\"a\\u0000b\"}", "{\"destinaton\":\"soc\"}"})
  @DisplayName("Malformed JSON, wrong types, bad values and unknown fields: a 400 that says what is wrong")
  void badBodies(String body) {
    HttpResponse<Buffer> response = send(body);
    assertEquals(400, response.statusCode(), body + " -> " + response.bodyAsString());
    JsonObject error = response.bodyAsJsonObject();
    assertTrue(List.of("invalid_json", "invalid_request").contains(error.getString("error")), error.encode());
    assertFalse(error.getString("message").isBlank());
  }

  @Test
  @DisplayName("Field names are said back; deep nesting and a body over 4 KiB are refused without harm")
  void hostileBodies() {
    assertEquals("unknown field: destinaton (a replay takes destination, status, since, until, limit)",
        send("{\"destinaton\":\"soc\"}").bodyAsJsonObject().getString("message"));
    assertEquals("status must be one of dead, retrying, pending: a delivered delivery is never sent twice",
        send("{\"status\":\"delivered\"}").bodyAsJsonObject().getString("message"));
    assertEquals(400, send("[".repeat(1500) + "]".repeat(1500)).statusCode());
    HttpResponse<Buffer> huge = send("{\"destination\":\"" + "x".repeat(100_000) + "\"}");
    assertEquals(413, huge.statusCode());
    assertEquals("payload_too_large", huge.bodyAsJsonObject().getString("error"));
  }

  private static JsonObject replay(String body) {
    HttpResponse<Buffer> response = send(body);
    assertEquals(202, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> send(String body) {
    return gw.await(gw.client.post(gw.gateway.adminPort(), "127.0.0.1", "/api/v1/deliveries/replay")
        .putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body)));
  }

  private static JsonObject replayed(int count, boolean more) {
    return new JsonObject().put("replayed", count).put("more", more);
  }
}
