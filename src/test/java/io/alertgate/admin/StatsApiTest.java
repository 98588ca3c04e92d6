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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.alertgate.support.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/v1/stats} after a mixed run: two sources, a bad event, a destination that refuses some alerts. */
class StatsApiTest {

  private WebhookReceiver receiver;

  @BeforeEach
  void setUp() throws Exception {
    TestDatabase.truncate();
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void tearDown() throws Exception {
    receiver.close();
  }

  @Test
  @DisplayName("Counts by stage and status, backlogs, and per source and destination rates add up to what was sent")
  void mixedRun() throws Exception {
    // A refused alert goes dead at once (422); a flaky one fails once (503) and is delivered on its retry.
    AtomicBoolean flakyFailed = new AtomicBoolean();
    receiver.answer(body -> body.contains("Refused") ? 422
        : body.contains("Flaky") && flakyFailed.compareAndSet(false, true) ? 503 : 204);
    try (RunningGateway gw = RunningGateway.start(GatewayConfig.parse(receiver.gatewayYaml("soc"), Map.of()))) {
      for (String title : List.of("Plain one", "Plain two", "Refused", "Flaky")) {
        String body = "{\"kibana.alert.uuid\":\"stats-" + title + "\",\"kibana.alert.rule.name\":\"" + title + "\"}";
        assertEquals(202, gw.send(gw.post("elastic")
            .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, body)), body).statusCode());
      }
      for (String id : List.of("open-1", "open-2")) {
        assertEquals(202, gw.send(gw.post("open"), "{\"id\":\"" + id + "\",\"title\":\"Open " + id + "\"}")
            .statusCode());
      }
      String notAnAlert = "{\"not\":\"an alert\"}";
      assertEquals(202, gw.send(gw.post("sentinel")
          .putHeader("X-Sentinel-Signature", Signatures.hex(TestConfigs.SENTINEL_SECRET, notAnAlert)), notAnAlert)
          .statusCode());
      waitUntil(() -> TestDatabase.count("SELECT count(*) FROM delivery WHERE status IN ('delivered', 'dead')") == 6);

      Instant asked = Instant.now();
      JsonObject stats = stats(gw);
      assertTrue(Duration.between(Instant.parse(stats.getString("generated_at")), asked).abs().getSeconds() < 5);
      JsonObject stages = stats.getJsonObject("stages");
      assertEquals(List.of("normalize", "route", "deliver"), List.copyOf(stages.fieldNames()),
          "the stages in order; enrichment runs only with a provider's key");
      assertEquals(stage(Map.of("received", 0, "processed", 6, "failed", 1), 0), stages.getJsonObject("normalize"));
      assertEquals(stage(Map.of("pending", 0, "routed", 6, "suppressed", 0, "failed", 0), 0),
          stages.getJsonObject("route"));
      assertEquals(stage(Map.of("pending", 0, "retrying", 0, "delivered", 5, "dead", 1), 0),
          stages.getJsonObject("deliver"));
      assertEquals(windows(6), stats.getJsonObject("alerts"));

      JsonObject sources = stats.getJsonObject("sources");
      assertEquals(windows(4), sources.getJsonObject("elastic").getJsonObject("ingested"));
      assertEquals(windows(2), sources.getJsonObject("open").getJsonObject("ingested"));
      assertEquals(windows(1), sources.getJsonObject("sentinel").getJsonObject("ingested"),
          "acknowledged, whatever normalization then made of it");
      assertEquals(windows(0), sources.getJsonObject("splunk").getJsonObject("ingested"), "listed though silent");

      JsonObject soc = stats.getJsonObject("destinations").getJsonObject("soc");
      assertEquals(new JsonObject().put("delivered", windows(5)).put("failed", windows(2)).put("dead", windows(1)),
          soc, "the refusal and the flaky first try failed; one of them for good");
      assertFalse(stats.encode().contains(TestConfigs.ELASTIC_SECRET));
    }
  }

  private static JsonObject stats(RunningGateway gw) {
    HttpResponse<Buffer> response = gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/api/v1/stats")
        .putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).send());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static JsonObject stage(Map<String, Integer> statuses, int backlog) {
    return new JsonObject().put("last_hour", new JsonObject(Map.copyOf(statuses))).put("backlog", backlog);
  }

  private static JsonObject windows(int count) {
    return new JsonObject().put("last_minute", count).put("last_hour", count);
  }
}
