package io.alertgate.route;

import io.alertgate.config.GatewayConfig;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.alertgate.support.Eventually.waitUntil;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two gateways on one database share the relay's work: every alert is delivered once, whichever took it in. */
class SharedDatabaseRelayTest {

  private static final int ALERTS = 200;

  private Vertx receiverVertx;
  private HttpServer receiver;
  private final Set<String> webhookIds = ConcurrentHashMap.newKeySet();
  private final Set<String> alertIds = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    TestDatabase.truncate();
    receiverVertx = Vertx.vertx();
    receiver = await(receiverVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      requests.incrementAndGet();
      webhookIds.add(request.getHeader("webhook-id"));
      alertIds.add(new JsonObject(body).getJsonObject("custom_details").getString("alert_id"));
      request.response().setStatusCode(204).end();
    })).listen(0, "127.0.0.1"));
  }

  @AfterEach
  void tearDown() throws Exception {
    await(receiverVertx.close());
  }

  @Test
  @DisplayName("Two gateways, one database, alerts sent to both: each delivered exactly once")
  void sharedWork() throws Exception {
    try (RunningGateway one = RunningGateway.start(config()); RunningGateway two = RunningGateway.start(config())) {
      for (int i = 0; i < ALERTS; i++) {
        String body = "{\"kibana.alert.uuid\":\"shared-" + i + "\",\"kibana.alert.rule.name\":\"Shared\"}";
        RunningGateway gw = i % 2 == 0 ? one : two;
        HttpResponse<Buffer> answer = gw.send(gw.post("elastic").putHeader("webhook-id", "shared-" + i)
            .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, body)), body);
        assertEquals(202, answer.statusCode());
      }
      waitUntil(() -> TestDatabase.count("SELECT count(*) FROM delivery WHERE status = 'delivered'") == ALERTS);
      assertEquals(ALERTS, alertIds.size());
      assertEquals(ALERTS, webhookIds.size());
      assertEquals(ALERTS, requests.get(), "none twice");
    }
  }

  private GatewayConfig config() {
    JsonObject yaml = TestConfigs.yaml()
        .put("pipeline", new JsonObject().put("enabled", true).put("sweep_interval_ms", 200).put("grace_seconds", 1))
        .put("relay", new JsonObject().put("allow_cidrs", new JsonArray().add("127.0.0.0/8")))
        .put("destinations", new JsonObject().put("soc", new JsonObject().put("type", "webhook")
            .put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hook").put("timeout", 5)));
    return GatewayConfig.parse(yaml, Map.of());
  }
}
