package io.alertgate.admin;

import com.standardwebhooks.Webhook;
import io.alertgate.support.LogCapture;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.alertgate.admin.AdminCalls.call;
import static io.alertgate.admin.AdminCalls.relaying;
import static io.alertgate.admin.AdminCalls.request;
import static io.alertgate.support.Eventually.waitUntil;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The integrations guide's endpoints against a running gateway and a webhook receiver on loopback: configuration saved,
 * read back redacted, saved back unchanged, tested, and used, with every secret kept out of every answer.
 */
class IntegrationApiTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String TOKEN = "receiver-bearer-9c1e77";

  /** A request as the receiver got it. */
  private record Received(String path, Map<String, String> headers, String body) {}

  private Vertx receiverVertx;
  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger answer = new AtomicInteger(200);

  @BeforeEach
  void setUp() throws Exception {
    TestDatabase.truncate();
    receiverVertx = Vertx.vertx();
    receiver = await(receiverVertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      request.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
      received.add(new Received(request.path(), headers, body.toString()));
      request.response().setStatusCode(answer.get()).putHeader("Content-Type", "application/json");
      vendor(request, body);
    })).listen(0, "127.0.0.1"));
  }

  /** The receiver doubles as Jira, PagerDuty and StackStorm, answering each path as its vendor does. */
  private void vendor(HttpServerRequest request, Buffer body) {
    String answered = switch (request.path()) {
      case "/rest/api/3/myself" -> "{\"displayName\":\"SOC Bot\"}";
      case "/rest/api/3/search/jql" -> "{\"issues\":[],\"isLast\":true}";
      case "/rest/api/3/issue" -> created(request, "{\"id\":\"10001\",\"key\":\"SOC-1\"}");
      case "/v2/enqueue" -> accepted(request, new JsonObject().put("status", "success")
          .put("message", "Event processed").put("dedup_key", new JsonObject(body).getString("dedup_key"))
          .encode());
      case "/api/v1/executions" -> created(request, "{\"id\":\"exec-1\",\"status\":\"requested\"}");
      case "/api/v1/actions" -> "[{\"ref\":\"core.local\",\"pack\":\"core\",\"name\":\"local\"}]";
      default -> new JsonObject().put("ok", answer.get() < 300).put("you_sent",
          String.valueOf(request.getHeader("Authorization"))).encode();
    };
    request.response().end(answered);
  }

  private String created(HttpServerRequest request, String body) {
    if (answer.get() == 200) {
      request.response().setStatusCode(201);
    }
    return body;
  }

  private String accepted(HttpServerRequest request, String body) {
    if (answer.get() == 200) {
      request.response().setStatusCode(202);
    }
    return body;
  }

  @AfterEach
  void tearDown() throws Exception {
    await(receiverVertx.close());
  }

  @Test
  @DisplayName("A webhook saved through the API is answered redacted, keeps its secrets when saved back, and delivers")
  void savedWebhookDelivers() throws Exception {
    try (LogCapture logs = LogCapture.attach(); RunningGateway gw = RunningGateway.start(relaying(null))) {
      assertEquals(new JsonObject().put("type", "webhook").put("name", "webhook").put("configured", false)
          .put("enabled", false), call(gw, HttpMethod.GET, "/api/v1/integrations/webhook/config", null)
          .bodyAsJsonObject());
      HttpResponse<Buffer> saved = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/config", webhook());
      assertEquals(200, saved.statusCode(), saved.bodyAsString());
      JsonObject view = saved.bodyAsJsonObject();
      assertEquals("********", view.getString("secret"));
      assertEquals("********", view.getJsonObject("headers").getString("Authorization"));
      assertEquals("api", view.getString("managed_by"));

      // The answer saved back as it is (redacted) changes nothing, and a changed field takes effect.
      HttpResponse<Buffer> again = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/config",
          view.copy().put("timeout", 7));
      assertEquals(200, again.statusCode(), again.bodyAsString());
      assertEquals(7, again.bodyAsJsonObject().getInteger("timeout"));
      String stored = TestDatabase.text("SELECT settings::text FROM destination_config WHERE name = 'webhook'");
      assertFalse(stored.contains(SECRET) || stored.contains(TOKEN), "secrets are sealed at rest");
      assertTrue(stored.contains("agv1:"));

      HttpResponse<Buffer> sent = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/send", new JsonObject()
          .put("incident_id", "inc-123")
          .put("incident_data", new JsonObject().put("title", "Service degradation").put("severity", "medium"))
          .put("event_type", "incident")
          .put("custom_payload", new JsonObject().put("custom_field", "custom_value")));
      assertEquals(200, sent.statusCode(), sent.bodyAsString());
      assertEquals("delivered", sent.bodyAsJsonObject().getString("status"));
      Received webhook = received.get(received.size() - 1);
      assertEquals("Bearer " + TOKEN, webhook.headers().get("Authorization"));
      assertDoesNotThrow(() -> new Webhook(SECRET).verify(webhook.body(), Map.of(
          "webhook-id", List.of(webhook.headers().get("webhook-id")),
          "webhook-timestamp", List.of(webhook.headers().get("webhook-timestamp")),
          "webhook-signature", List.of(webhook.headers().get("webhook-signature")))));
      JsonObject body = new JsonObject(webhook.body());
      assertEquals("incident", body.getString("event_type"));
      assertEquals("inc-123", body.getString("incident_id"));
      assertEquals("custom_value", body.getJsonObject("custom_details").getString("custom_field"));
      String deliveryId = sent.bodyAsJsonObject().getString("delivery_id");
      assertEquals(deliveryId, webhook.headers().get("webhook-id"));
      JsonObject delivery = call(gw, HttpMethod.GET, "/api/v1/deliveries/" + deliveryId, null).bodyAsJsonObject();
      assertEquals("send", delivery.getString("action"));
      assertEquals(1, delivery.getJsonArray("attempt_log").size());

      // A routed alert reaches the destination the API saved.
      String alert = "{\"kibana.alert.uuid\":\"api-1\",\"kibana.alert.rule.name\":\"Saved destination\"}";
      assertEquals(202, gw.send(gw.post("elastic").putHeader("webhook-id", "api-1")
          .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, alert)), alert).statusCode());
      waitUntil(() -> received.stream().anyMatch(r -> r.body().contains("Saved destination")));

      JsonArray health = call(gw, HttpMethod.GET, "/api/connectors/health", null).bodyAsJsonObject()
          .getJsonArray("connectors");
      assertEquals("healthy", health.getJsonObject(0).getString("status"), health.encode());
      assertFalse(logs.text().contains(TOKEN) || logs.text().contains(SECRET.substring(6)), "no secret logged");
    }
  }

  @Test
  @DisplayName("Wrong settings are refused naming the field; a file destination cannot be changed; unknown types 404")
  void refusals() {
    try (RunningGateway gw = RunningGateway.start(relaying(null))) {
      HttpResponse<Buffer> wrong = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/config",
          webhook().put("method", "DELETE"));
      assertEquals(400, wrong.statusCode());
      assertEquals(new JsonObject().put("error", "invalid_config").put("message", "method must be POST, PUT or PATCH"),
          wrong.bodyAsJsonObject());
      HttpResponse<Buffer> badHeader = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/config",
          webhook().put("headers", new JsonObject().put("X-Token", TOKEN + "\n")));
      assertEquals(400, badHeader.statusCode());
      assertFalse(badHeader.bodyAsString().contains(TOKEN));
      assertEquals(400, call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/config",
          new JsonObject().put("url", List.of("x"))).statusCode());
      HttpResponse<Buffer> malformed = gw.await(request(gw, HttpMethod.POST, "/api/v1/integrations/webhook/config")
          .sendBuffer(Buffer.buffer("{\"url\":")));
      assertEquals(400, malformed.statusCode());
      assertEquals("invalid_json", malformed.bodyAsJsonObject().getString("error"));
      assertEquals(404, call(gw, HttpMethod.GET, "/api/v1/integrations/slack/config", null).statusCode());
      assertEquals(409, call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/send", new JsonObject()
          .put("incident_id", "i").put("incident_data", new JsonObject())).statusCode());
      assertEquals(413, gw.await(request(gw, HttpMethod.POST, "/api/v1/integrations/webhook/config")
          .sendBuffer(Buffer.buffer("{\"url\":\"" + "a".repeat(300_000) + "\"}"))).statusCode());
      assertEquals(401, gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1",
          "/api/v1/integrations/webhook/config").send()).statusCode());
    }
  }

  @Test
  @DisplayName("Saved secrets go only to the saved address: a check or a save naming another one must give them"
      + " again; the webhook's URL is answered without its path; an echoed token stays out of the attempt log")
  void secretsStayWithTheirAddress() {
    try (RunningGateway gw = RunningGateway.start(relaying(null))) {
      JsonObject view = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/config", webhook())
          .bodyAsJsonObject();
      assertEquals("http://127.0.0.1:" + receiver.actualPort() + "/...", view.getString("url"));

      HttpResponse<Buffer> elsewhere = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/test",
          new JsonObject().put("url", "http://127.0.0.1:" + receiver.actualPort() + "/attacker"));
      assertEquals(200, elsewhere.statusCode(), elsewhere.bodyAsString());
      Received check = received.get(received.size() - 1);
      assertEquals("/attacker", check.path());
      assertEquals(null, check.headers().get("Authorization"), "the saved token was not sent elsewhere");
      assertEquals(null, check.headers().get("webhook-signature"), "nor signed with the saved secret");
      HttpResponse<Buffer> moved = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/config",
          view.copy().put("url", "http://127.0.0.1:" + receiver.actualPort() + "/attacker"));
      assertEquals(400, moved.statusCode());
      assertEquals(200, call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/test", view).statusCode(),
          "the answer sent back as it is: the saved address and its secrets");
      assertEquals("/hook", received.get(received.size() - 1).path());
      assertEquals("Bearer " + TOKEN, received.get(received.size() - 1).headers().get("Authorization"));

      answer.set(500);
      HttpResponse<Buffer> sent = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/send", new JsonObject()
          .put("incident_id", "echo-1").put("incident_data", new JsonObject().put("title", "Echo")));
      String delivery = call(gw, HttpMethod.GET, "/api/v1/deliveries/" + sent.bodyAsJsonObject()
          .getString("delivery_id"), null).bodyAsString();
      assertTrue(delivery.contains("[redacted]"), delivery);
      assertFalse(delivery.contains(TOKEN), delivery);
    }
  }

  @Test
  @DisplayName("validate-url says whether the gateway would send to a URL, and which rule stops it: the scheme, the"
      + " address itself, a name that does not resolve, or a range outside the allow-list")
  void validateUrl() {
    try (RunningGateway gw = RunningGateway.start(relaying(null))) {
      assertEquals(new JsonObject().put("valid", true).putNull("reason").putNull("code").put("address", "127.0.0.1")
          .put("scope", "loopback").put("allow_listed", true), validated(gw, "http://127.0.0.1:9/hook"),
          "loopback is allowed here only because relay.allow_cidrs lists it");
      JsonObject open = validated(gw, "https://93.184.216.34/hook");
      assertEquals(List.of(true, "global", false), List.of(open.getBoolean("valid"), open.getString("scope"),
          open.getBoolean("allow_listed")));
      JsonObject metadata = validated(gw, "http://169.254.169.254/latest");
      assertEquals(List.of(false, "address_range", "169.254.169.254", "link_local", false),
          List.of(metadata.getBoolean("valid"), metadata.getString("code"), metadata.getString("address"),
              metadata.getString("scope"), metadata.getBoolean("allow_listed")), metadata.encode());
      assertTrue(metadata.getString("reason").contains("outside the allowed ranges (relay.allow_cidrs)"));
      assertEquals("private", validated(gw, "http://10.20.30.40/").getString("scope"));
      assertEquals("scheme", validated(gw, "ftp://example.com/x").getString("code"));
      assertEquals("invalid_url", validated(gw, "no address at all").getString("code"));
      assertEquals("invalid_url", validated(gw, "http:///no-host").getString("code"));
      JsonObject credentials = validated(gw, "https://bob:hunter2-pw@example.com/");
      assertEquals("invalid_url", credentials.getString("code"));
      assertFalse(credentials.encode().contains("hunter2-pw"), credentials.encode());
      JsonObject nowhere = validated(gw, "https://alertgate-check.invalid/hook");
      assertEquals(List.of(false, "unresolved"), List.of(nowhere.getBoolean("valid"), nowhere.getString("code")));
      assertEquals(400, call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/validate-url", null).statusCode());
      HttpResponse<Buffer> halfPair = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/config",
          webhook().put("headers", new JsonObject().put("Authorization", "Bearer \ud800")));
      assertEquals(400, halfPair.statusCode(), "half a surrogate pair is no text to seal");
    }
  }

  @Test
  @DisplayName("A destination the configuration file defines is shown, redacted, and cannot be changed through the API")
  void fileWins() {
    try (RunningGateway gw = RunningGateway.start(relaying(new JsonObject().put("webhook", webhook()
        .put("type", "webhook")).put("jira", webhook().put("type", "webhook"))))) {
      HttpResponse<Buffer> mismatch = call(gw, HttpMethod.GET, "/api/v1/integrations/jira/config", null);
      assertEquals(409, mismatch.statusCode());
      assertFalse(mismatch.bodyAsString().contains(TOKEN));
      JsonObject shown = call(gw, HttpMethod.GET, "/api/v1/integrations/webhook/config", null).bodyAsJsonObject();
      assertEquals("config", shown.getString("managed_by"));
      assertEquals("********", shown.getString("secret"));
      HttpResponse<Buffer> refused = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/config", webhook());
      assertEquals(409, refused.statusCode());
      assertEquals("managed_by_config", refused.bodyAsJsonObject().getString("error"));
    }
  }

  @Test
  @DisplayName("The connection check reaches the receiver: accepted is 200, refused is 502 with the reason")
  void connectionTest() {
    try (RunningGateway gw = RunningGateway.start(relaying(null))) {
      JsonObject target = new JsonObject().put("url", "http://127.0.0.1:" + receiver.actualPort() + "/check");
      HttpResponse<Buffer> ok = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/test", target);
      assertEquals(200, ok.statusCode(), ok.bodyAsString());
      assertEquals("test", new JsonObject(received.get(0).body()).getString("event_type"));
      answer.set(401);
      HttpResponse<Buffer> refused = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/test", target);
      assertEquals(502, refused.statusCode());
      assertEquals("the webhook answered 401", refused.bodyAsJsonObject().getString("message"));
      HttpResponse<Buffer> blocked = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/test",
          new JsonObject().put("url", "http://169.254.169.254/latest/meta-data"));
      assertEquals(502, blocked.statusCode());
      assertTrue(blocked.bodyAsJsonObject().getString("message").startsWith("refused: "));
    }
  }

  @Test
  @DisplayName("The guide's Jira, PagerDuty and StackStorm endpoints, with its own request bodies, against fakes")
  void guideEndpoints() {
    try (RunningGateway gw = RunningGateway.start(relaying(null))) {
      String base = "http://127.0.0.1:" + receiver.actualPort();
      JsonObject jira = new JsonObject().put("base_url", base).put("username", "your-email@company.com")
          .put("api_token", "jira-token-7d2f");
      assertEquals(200, call(gw, HttpMethod.POST, "/api/v1/integrations/jira/test", jira).statusCode(),
          "a check needs only the address and the credentials");
      assertEquals(200, call(gw, HttpMethod.POST, "/api/v1/integrations/jira/config", jira.copy()
          .put("enabled", true).put("instance_type", "cloud").put("project_key", "PROJ").put("issue_type", "Bug")
          .put("priority_mapping", new JsonObject().put("critical", "Highest").put("high", "High")
              .put("medium", "Medium").put("low", "Low"))).statusCode());
      assertEquals(200, call(gw, HttpMethod.POST, "/api/v1/integrations/pagerduty/config", new JsonObject()
          .put("enabled", true).put("integration_key", "R0UT1NGKEY0123456789abcdefABCDEF")
          .put("service_id", "PXXXXXXXX").put("escalation_policy_id", "PXXXXXXXX").put("base_url", base)
          .put("severity_mapping", new JsonObject().put("critical", "critical").put("high", "error")
              .put("medium", "warning").put("low", "info"))).statusCode());
      HttpResponse<Buffer> bare = gw.await(RoleTokens.request(gw, HttpMethod.POST,
          "/api/v1/integrations/pagerduty/test", TestConfigs.ADMIN_TOKEN).send());
      assertEquals(200, bare.statusCode(), "a POST with no body at all tests what is saved: " + bare.bodyAsString());
      assertEquals(200, call(gw, HttpMethod.POST, "/api/v1/integrations/stackstorm/config", new JsonObject()
          .put("enabled", true).put("base_url", base).put("api_key", "st2-key-51ab").put("timeout", 30)
          .put("retry_count", 3).put("ignore_ssl", false)).statusCode());

      JsonObject ticket = action(gw, "/api/v1/integrations/jira/create-ticket", new JsonObject()
          .put("incident_id", "inc-123").put("incident_data", new JsonObject().put("title", "Database connection"
              + " failed").put("severity", "high").put("description", "Unable to connect to primary database")));
      assertEquals("SOC-1", ticket.getString("external_ref"));
      JsonObject incident = action(gw, "/api/v1/integrations/pagerduty/create-incident", new JsonObject()
          .put("incident_id", "inc-123").put("incident_data", new JsonObject().put("title", "Critical service"
              + " failure").put("component", "payment-service").put("group", "production"))
          .put("severity", "critical").put("summary", "Payment processing service is down")
          .put("source", "audit-service"));
      assertEquals("inc-123", incident.getString("external_ref"));
      action(gw, "/api/v1/integrations/pagerduty/resolve-incident?incident_id=inc-123", null);
      JsonObject execution = action(gw, "/api/v1/integrations/stackstorm/execute-action", new JsonObject()
          .put("incident_id", "inc-123").put("incident_data", new JsonObject().put("title", "Service outage"))
          .put("pack_name", "incident_response").put("action_name", "create_incident")
          .put("action_parameters", new JsonObject().put("escalation_level", "immediate")));
      assertEquals("exec-1", execution.getString("external_ref"));
      action(gw, "/api/v1/integrations/stackstorm/send-alert", new JsonObject().put("alert_id", "alert-456")
          .put("alert_data", new JsonObject().put("title", "High CPU usage detected").put("severity", "warning"))
          .put("pack_name", "monitoring").put("action_name", "handle_alert"));
      JsonObject actions = call(gw, HttpMethod.GET, "/api/v1/integrations/stackstorm/actions", null)
          .bodyAsJsonObject();
      assertEquals("core.local", actions.getJsonArray("actions").getJsonObject(0).getString("ref"));

      List<String> paths = received.stream().map(Received::path).toList();
      assertEquals(List.of("/rest/api/3/myself", "/v2/enqueue", "/rest/api/3/search/jql", "/rest/api/3/issue",
          "/v2/enqueue", "/v2/enqueue", "/api/v1/executions", "/api/v1/executions", "/api/v1/actions"), paths);
      JsonObject resolve = new JsonObject(received.get(5).body());
      assertEquals("resolve", resolve.getString("event_action"));
      assertEquals("inc-123", resolve.getString("dedup_key"));
      assertEquals("monitoring.handle_alert", new JsonObject(received.get(7).body()).getString("action"));
      assertEquals("st2-key-51ab", received.get(6).headers().get("St2-Api-Key"));
      String shown = call(gw, HttpMethod.GET, "/api/v1/deliveries", null).bodyAsString()
          + call(gw, HttpMethod.GET, "/api/v1/integrations/jira/config", null).bodyAsString()
          + call(gw, HttpMethod.GET, "/api/v1/integrations/stackstorm/config", null).bodyAsString()
          + call(gw, HttpMethod.GET, "/api/v1/integrations/pagerduty/config", null).bodyAsString();
      assertFalse(shown.contains("jira-token-7d2f") || shown.contains("st2-key-51ab")
          || shown.contains("R0UT1NGKEY0123456789abcdefABCDEF"), shown);
    }
  }

  private static JsonObject validated(RunningGateway gw, String url) {
    HttpResponse<Buffer> answer = call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/validate-url?url="
        + URLEncoder.encode(url, StandardCharsets.UTF_8), null);
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    return answer.bodyAsJsonObject();
  }

  /** An action endpoint that must deliver; its answer. */
  private static JsonObject action(RunningGateway gw, String path, JsonObject body) {
    HttpResponse<Buffer> answer = call(gw, HttpMethod.POST, path, body);
    assertEquals(200, answer.statusCode(), path + ": " + answer.bodyAsString());
    assertEquals("delivered", answer.bodyAsJsonObject().getString("status"));
    return answer.bodyAsJsonObject();
  }

  private JsonObject webhook() {
    // "enabled" is the guide's; the file accepts it too.
    return new JsonObject()
        .put("enabled", true)
        .put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hook")
        .put("method", "POST")
        .put("headers", new JsonObject().put("Authorization", "Bearer " + TOKEN))
        .put("timeout", 5)
        .put("retry_count", 3)
        .put("verify_ssl", true)
        .put("secret", SECRET);
  }
}
