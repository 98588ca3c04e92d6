package io.alertgate.admin;

import io.alertgate.config.GatewayConfig;
import io.alertgate.support.Eventually;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The description is accurate, not only complete: its schemas are JSON Schema 2020-12, and what the gateway really
 * answers (successes and errors, on both ports) is what the description says of that operation and status.
 */
class OpenApiAnswersTest {

  private static final String ALERT = "{\"kibana.alert.uuid\":\"openapi-1\",\"kibana.alert.rule.name\":"
      + "\"Described\",\"kibana.alert.severity\":\"high\",\"@timestamp\":\"2026-11-01T00:00:00Z\"}";
  // Loopback and not allowed: every delivery is refused before anything is sent, and dies at its first attempt.
  private static final String REFUSED_URL = "http://127.0.0.1:9/hook";

  private static RunningGateway gw;
  private static ApiDescription description;
  private static DescribedAnswers answers;

  @BeforeAll
  static void start() throws Exception {
    TestDatabase.truncate();
    JsonObject yaml = TestConfigs.yaml()
        .put("pipeline", new JsonObject().put("enabled", true).put("sweep_interval_ms", 200).put("grace_seconds", 1))
        .put("destinations", new JsonObject().put("hook", new JsonObject().put("type", "webhook")
            .put("url", REFUSED_URL)));
    gw = RunningGateway.start(GatewayConfig.parse(RoleTokens.withTokens(yaml), Map.of()));
    description = ApiDescription.load(gw.vertx);
    answers = new DescribedAnswers(description);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  @DisplayName("Every schema in the description is valid JSON Schema 2020-12")
  void schemasAreJsonSchema() {
    Validator metaSchema = SchemaRepository.create(DescribedAnswers.DRAFT_2020_12)
        .preloadMetaSchema(gw.vertx.fileSystem(), Draft.DRAFT202012)
        .validator("https://json-schema.org/draft/2020-12/schema");
    List<String> invalid = new ArrayList<>();
    JsonObject schemas = description.document.getJsonObject("components").getJsonObject("schemas");
    schemas.fieldNames().forEach(name -> check(metaSchema, name, schemas.getValue(name), invalid));
    description.schemasInPaths().forEach((where, schema) -> check(metaSchema, where, schema, invalid));
    assertEquals(List.of(), invalid);
  }

  private static void check(Validator metaSchema, String where, Object schema, List<String> invalid) {
    OutputUnit result = metaSchema.validate(answers.inline(schema));
    if (!result.getValid()) {
      invalid.add(where + ": " + result.getErrors());
    }
  }

  @Test
  @DisplayName("The ingest port answers as described: accepted, duplicate, and each refusal")
  void ingestAnswers() {
    String body = "{\"kibana.alert.uuid\":\"openapi-2\"}";
    String signature = Signatures.hex(TestConfigs.ELASTIC_SECRET, body);
    for (int i = 0; i < 2; i++) {
      ingest(i == 0 ? 202 : 200, gw.post("elastic").putHeader("X-Elastic-Signature", signature), body);
    }
    ingest(401, gw.post("elastic"), "{}");
    ingest(404, gw.post("nosuchsource"), "{}");
    ingest(415, gw.post("open").putHeader("Content-Type", "text/plain"), "{}");
    ingest(400, gw.post("open"), "{not json");
    ingest(400, gw.post("open"), "42");
    for (String probe : List.of("/health/live", "/health/ready")) {
      answers.assertDescribed("GET", probe,
          gw.await(gw.client.get(gw.gateway.ingestPort(), "127.0.0.1", probe).send()));
    }
  }

  private static void ingest(int status, HttpRequest<Buffer> request, String body) {
    HttpResponse<Buffer> answer = gw.send(request, body);
    assertEquals(status, answer.statusCode(), answer.bodyAsString());
    answers.assertDescribed("POST", "/api/v1/webhooks/{source}", answer);
  }

  @Test
  @DisplayName("The admin port answers as described: listings, items, replay, reprocess, errors, health, metrics")
  void adminAnswers() throws Exception {
    gw.send(gw.post("elastic").putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, ALERT)),
        ALERT);
    // The alert's own delivery, not one an integration endpoint recorded.
    Eventually.waitUntil(() -> !admin(HttpMethod.GET, "/api/v1/deliveries?status=dead&destination=hook")
        .bodyAsJsonObject().getJsonArray("deliveries").isEmpty());
    String alertId = described(200, HttpMethod.GET, "/api/v1/alerts", "/api/v1/alerts").bodyAsJsonObject()
        .getJsonArray("alerts").getJsonObject(0).getString("id");
    String inboundId = described(200, HttpMethod.GET, "/api/v1/inbound", "/api/v1/inbound").bodyAsJsonObject()
        .getJsonArray("inbound").getJsonObject(0).getString("id");
    String deliveryId = described(200, HttpMethod.GET, "/api/v1/deliveries", "/api/v1/deliveries").bodyAsJsonObject()
        .getJsonArray("deliveries").getJsonObject(0).getString("id");
    described(200, HttpMethod.GET, "/api/v1/alerts/{id}", "/api/v1/alerts/" + alertId);
    described(200, HttpMethod.GET, "/api/v1/deliveries/{id}", "/api/v1/deliveries/" + deliveryId);
    described(202, HttpMethod.POST, "/api/v1/deliveries/{id}/replay", "/api/v1/deliveries/" + deliveryId + "/replay");
    described(202, HttpMethod.POST, "/api/v1/inbound/{id}/reprocess", "/api/v1/inbound/" + inboundId + "/reprocess");
    described(400, HttpMethod.GET, "/api/v1/alerts", "/api/v1/alerts?limit=0");
    described(404, HttpMethod.GET, "/api/v1/alerts/{id}", "/api/v1/alerts/" + UUID.randomUUID());
    described(400, HttpMethod.GET, "/api/v1/deliveries/{id}", "/api/v1/deliveries/not-an-id");
    described(200, HttpMethod.GET, "/api/connectors/health", "/api/connectors/health");
    described(200, HttpMethod.GET, "/api/v1/openapi.yaml", "/api/v1/openapi.yaml");
    described(200, HttpMethod.GET, "/metrics", "/metrics");
    described(200, HttpMethod.GET, "/health/ready", "/health/ready");
    answers.assertDescribed("GET", "/api/v1/alerts",
        gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/api/v1/alerts").send()));
  }

  @Test
  @DisplayName("The integration endpoints answer as described: configuration, checks, actions and refusals")
  void integrationAnswers() {
    String config = "/api/v1/integrations/{type}/config";
    String webhook = "/api/v1/integrations/webhook/";
    JsonObject incident = new JsonObject().put("incident_id", "inc-1").put("incident_data",
        new JsonObject().put("title", "Described").put("severity", "high"));
    described(200, HttpMethod.GET, config, webhook + "config");
    described(409, HttpMethod.POST, webhook + "send", webhook + "send", incident);
    described(200, HttpMethod.POST, config, webhook + "config",
        new JsonObject().put("url", REFUSED_URL).put("secret", TestConfigs.WHSEC));
    described(200, HttpMethod.GET, config, webhook + "config");
    described(400, HttpMethod.POST, config, webhook + "config", new JsonObject().put("method", "GET"));
    described(404, HttpMethod.GET, config, "/api/v1/integrations/nosuchtype/config");
    described(502, HttpMethod.POST, "/api/v1/integrations/{type}/test", webhook + "test", new JsonObject());
    described(200, HttpMethod.POST, webhook + "validate-url", webhook + "validate-url?url=" + REFUSED_URL);
    described(502, HttpMethod.POST, webhook + "send-alert", webhook + "send-alert", incident);
    String createTicket = "/api/v1/integrations/jira/create-ticket";
    described(400, HttpMethod.POST, createTicket, createTicket, new JsonObject().put("incident_data", incident));
    described(409, HttpMethod.POST, createTicket, createTicket, incident);
    String resolve = "/api/v1/integrations/pagerduty/resolve-incident";
    described(400, HttpMethod.POST, resolve, resolve);
    String actions = "/api/v1/integrations/stackstorm/actions";
    described(409, HttpMethod.GET, actions, actions);
  }

  @Test
  @DisplayName("The integration registry answers as described: what can be created, and an integration created,"
      + " listed, read, updated with its own answer, checked and removed; and its refusals")
  void registryAnswers() {
    String items = "/api/integrations";
    String item = items + "/{id}";
    String id = items + "/described-hook";
    // Unreachable (loopback, not allowed), so the check on create and on test finds it unhealthy.
    JsonObject hook = new JsonObject().put("integration_type", "webhook").put("display_name", "Described hook")
        .put("config", new JsonObject().put("url", REFUSED_URL).put("secret", TestConfigs.WHSEC));
    described(200, HttpMethod.GET, items + "/available", items + "/available");
    described(201, HttpMethod.POST, items, items, hook);
    described(409, HttpMethod.POST, items, items, hook);
    described(400, HttpMethod.POST, items, items, hook.copy().put("confg", new JsonObject()));
    described(400, HttpMethod.POST, items, items, hook.copy().put("config", new JsonObject().put("method", "GET")));
    described(200, HttpMethod.GET, items, items + "?limit=1");
    described(400, HttpMethod.GET, items, items + "?limit=0");
    JsonObject view = described(200, HttpMethod.GET, item, id).bodyAsJsonObject();
    // An answer sent back edited, its secret redacted, is a body the description allows.
    described(200, HttpMethod.PUT, item, id, view.put("display_name", "Described hook, renamed"));
    described(200, HttpMethod.GET, item + "/test", id + "/test");
    described(409, HttpMethod.PUT, item, items + "/hook", new JsonObject().put("config", new JsonObject()));
    described(400, HttpMethod.DELETE, item, id + "?force=yes");
    // Forced: a routed alert's delivery to it may still be under way.
    described(200, HttpMethod.DELETE, item, id + "?force=true");
    described(404, HttpMethod.GET, item, id);
    described(404, HttpMethod.GET, item + "/test", id + "/test");
  }

  @Test
  @DisplayName("Sources, stats, the audit and the bulk replay answer as described, and so do a viewer's refusals")
  void operatorAnswers() throws Exception {
    String replay = "/api/v1/deliveries/replay";
    described(200, HttpMethod.GET, "/api/v1/sources", "/api/v1/sources");
    described(400, HttpMethod.GET, "/api/v1/sources", "/api/v1/sources?colour=red");
    described(200, HttpMethod.GET, "/api/v1/stats", "/api/v1/stats");
    described(202, HttpMethod.POST, replay, replay, new JsonObject().put("destination", "hook").put("limit", 10));
    described(202, HttpMethod.POST, replay, replay, new JsonObject());
    described(400, HttpMethod.POST, replay, replay, new JsonObject().put("destinaton", "hook"));
    described(400, HttpMethod.POST, replay, replay, new JsonObject().put("status", "delivered"));
    // Written once answered: the replays above come in shortly after.
    Eventually.waitUntil(() -> !admin(HttpMethod.GET, "/api/v1/audit").bodyAsJsonObject().getJsonArray("audit")
        .isEmpty());
    described(200, HttpMethod.GET, "/api/v1/audit", "/api/v1/audit?limit=2");
    described(400, HttpMethod.GET, "/api/v1/audit", "/api/v1/audit?limit=x");
    viewer(200, HttpMethod.GET, "/api/v1/stats", "/api/v1/stats", null);
    viewer(403, HttpMethod.GET, "/api/v1/audit", "/api/v1/audit", null);
    viewer(403, HttpMethod.POST, replay, replay, new JsonObject());
    viewer(403, HttpMethod.POST, "/api/integrations", "/api/integrations", new JsonObject());
    viewer(403, HttpMethod.DELETE, "/api/integrations/{id}", "/api/integrations/hook", null);
    answers.assertDescribed("GET", "/api/v1/stats",
        gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/api/v1/stats").send()));
  }

  private static void viewer(int status, HttpMethod method, String path, String uri, JsonObject body) {
    HttpResponse<Buffer> answer = call(RoleTokens.VIEWER, method, uri, body);
    assertEquals(status, answer.statusCode(), () -> "a viewer's " + method + " " + uri + ": " + answer.bodyAsString());
    answers.assertDescribed(method.name(), path, answer);
  }

  private static HttpResponse<Buffer> described(int status, HttpMethod method, String path, String uri) {
    return described(status, method, path, uri, null);
  }

  /**
   * The answer has the status this call is meant to draw and is described; so is the body, when the gateway took it
   * (a 502 is the destination's refusal of what the gateway took).
   */
  private static HttpResponse<Buffer> described(int status, HttpMethod method, String path, String uri,
                                                JsonObject body) {
    HttpResponse<Buffer> answer = admin(method, uri, body);
    assertEquals(status, answer.statusCode(), () -> method + " " + uri + ": " + answer.bodyAsString());
    answers.assertDescribed(method.name(), path, answer);
    if (body != null && (status < 400 || status >= 500)) {
      answers.assertRequestDescribed(method.name(), path, body);
    }
    return answer;
  }

  private static HttpResponse<Buffer> admin(HttpMethod method, String uri) {
    return admin(method, uri, null);
  }

  private static HttpResponse<Buffer> admin(HttpMethod method, String uri, JsonObject body) {
    return call(TestConfigs.ADMIN_TOKEN, method, uri, body);
  }

  private static HttpResponse<Buffer> call(String token, HttpMethod method, String uri, JsonObject body) {
    HttpRequest<Buffer> request = gw.client.request(method, gw.gateway.adminPort(), "127.0.0.1", uri)
        .bearerTokenAuthentication(token);
    return gw.await(body == null ? request.send() : request.sendJsonObject(body));
  }
}
