package io.alertgate.route;

import io.alertgate.config.GatewayConfig;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.alertgate.support.Eventually.waitUntil;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A storm of one incident end to end, to a fake PagerDuty and a fake Jira on loopback: however often the same alert
 * fires, PagerDuty hears one dedup_key and Jira gets one issue, commented on; its close is a resolve, last.
 */
class IncidentStormTest {

  private static final int STORM = 30;

  private Vertx vendorVertx;
  private HttpServer vendor;
  private final List<JsonObject> pagerDuty = new CopyOnWriteArrayList<>();
  private final AtomicInteger issuesOpened = new AtomicInteger();
  private final List<String> comments = new CopyOnWriteArrayList<>();
  private final AtomicInteger throttle = new AtomicInteger(3);

  @BeforeEach
  void setUp() throws Exception {
    TestDatabase.truncate();
    vendorVertx = Vertx.vertx();
    vendor = await(vendorVertx.createHttpServer().requestHandler(request -> request.body()
        .onSuccess(body -> answer(request, body))).listen(0, "127.0.0.1"));
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vendorVertx.close());
  }

  /** PagerDuty throttles the first few events (429 with Retry-After), as it does past its rate; Jira always answers. */
  private void answer(HttpServerRequest request, Buffer body) {
    request.response().putHeader("Content-Type", "application/json");
    String path = request.path();
    if (path.equals("/v2/enqueue")) {
      if (throttle.getAndDecrement() > 0) {
        request.response().setStatusCode(429).putHeader("Retry-After", "1").end("{\"status\":\"throttled\"}");
        return;
      }
      JsonObject event = new JsonObject(body);
      pagerDuty.add(event);
      request.response().setStatusCode(202).end(new JsonObject().put("status", "success")
          .put("dedup_key", event.getString("dedup_key")).encode());
    } else if (path.equals("/rest/api/3/search/jql")) {
      JsonArray issues = issuesOpened.get() == 0 ? new JsonArray()
          : new JsonArray().add(new JsonObject().put("id", "10001").put("key", "SOC-1"));
      request.response().end(new JsonObject().put("issues", issues).put("isLast", true).encode());
    } else if (path.equals("/rest/api/3/issue")) {
      issuesOpened.incrementAndGet();
      request.response().setStatusCode(201).end("{\"id\":\"10001\",\"key\":\"SOC-1\"}");
    } else if (path.equals("/rest/api/3/issue/SOC-1/comment")) {
      comments.add(body.toString());
      request.response().setStatusCode(201).end("{\"id\":\"1\"}");
    } else {
      request.response().setStatusCode(404).end("{\"errorMessages\":[\"no " + path + "\"]}");
    }
  }

  @Test
  @DisplayName("One incident firing 30 times: one PagerDuty dedup_key, one Jira issue with comments, resolved last")
  void oneIncidentOnce() throws Exception {
    try (RunningGateway gw = RunningGateway.start(config())) {
      String alert = "{\"kibana.alert.uuid\":\"storm-1\",\"kibana.alert.rule.uuid\":\"rule-s\","
          + "\"kibana.alert.rule.name\":\"Storm rule\",\"kibana.alert.severity\":\"critical\"}";
      for (int i = 0; i < STORM; i++) {
        post(gw, alert, "storm-" + i);
      }
      waitUntil(() -> TestDatabase.count("SELECT count(*) FROM delivery WHERE status = 'delivered'") == 2 * STORM);
      post(gw, alert.replace("}", ",\"kibana.alert.workflow_status\":\"closed\"}"), "storm-closed");
      waitUntil(() -> TestDatabase.count("SELECT count(*) FROM delivery WHERE status = 'delivered'")
          == 2 * STORM + 2);

      assertEquals(1, pagerDuty.stream().map(event -> event.getString("dedup_key")).distinct().count());
      assertEquals(STORM + 1, pagerDuty.size(), "each event once, the throttled ones after their wait");
      assertEquals("resolve", pagerDuty.get(STORM).getString("event_action"), "the resolve comes last");
      assertEquals(STORM, pagerDuty.stream().filter(e -> "trigger".equals(e.getString("event_action"))).count());
      assertEquals(1, issuesOpened.get(), "one issue");
      assertEquals(STORM, comments.size(), "the other alerts and the resolve as comments");
      assertEquals(0, TestDatabase.count("SELECT count(*) FROM delivery WHERE status <> 'delivered'"));
    }
  }

  private GatewayConfig config() {
    String base = "http://127.0.0.1:" + vendor.actualPort();
    JsonObject yaml = TestConfigs.yaml()
        .put("pipeline", new JsonObject().put("enabled", true).put("sweep_interval_ms", 200).put("grace_seconds", 1))
        .put("relay", new JsonObject().put("allow_cidrs", new JsonArray().add("127.0.0.0/8")))
        .put("destinations", new JsonObject()
            .put("pd", new JsonObject().put("type", "pagerduty").put("base_url", base)
                .put("integration_key", "R0UT1NGKEY0123456789abcdefABCDEF").put("timeout", 5))
            .put("tickets", new JsonObject().put("type", "jira").put("base_url", base)
                .put("username", "soc@example.com").put("api_token", "storm-token").put("project_key", "SOC")
                .put("timeout", 5)));
    return GatewayConfig.parse(yaml, Map.of());
  }

  private static void post(RunningGateway gw, String body, String webhookId) {
    HttpResponse<Buffer> response = gw.send(gw.post("elastic").putHeader("webhook-id", webhookId)
        .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, body)), body);
    assertEquals(202, response.statusCode());
  }
}
