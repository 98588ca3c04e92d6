package io.alertgate.admin;

import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.alertgate.admin.AdminCalls.call;
import static io.alertgate.admin.AdminCalls.relaying;
import static io.alertgate.admin.AdminCalls.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and mistaken requests to the integration registry: each is a JSON error that says what is wrong, never
 * repeating a value, and none of them saves anything.
 */
class IntegrationRegistryInputTest {

  private static final String KEY = "Zq1Wx2Ec3Rv4Tb5Yn6Um7Ik8Ol9Pa0Sd";
  private static RunningGateway gw;

  @BeforeAll
  static void start() {
    gw = RunningGateway.start(relaying(null));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @BeforeEach
  void clean() {
    TestDatabase.truncate();
  }

  @Test
  @DisplayName("Malformed JSON, a body that is no object, wrong types and unknown fields: 400 naming the field")
  void wrongBodies() {
    assertEquals(List.of(400, "invalid_json"), refusal(raw(HttpMethod.POST, "/api/integrations", "{\"config\":")));
    assertEquals(List.of(400, "invalid_json"), refusal(raw(HttpMethod.POST, "/api/integrations", "[1, 2]")));
    assertEquals(List.of(400, "invalid_json"), refusal(raw(HttpMethod.POST, "/api/integrations", "")));
    Map<String, Object> wrongTypes = Map.of("integration_type", 5, "display_name", new JsonObject(),
        "config", "integration_key=" + KEY, "enabled", "yes", "id", List.of("a"));
    wrongTypes.forEach((field, value) -> {
      HttpResponse<Buffer> refused = create(pagerDuty().put(field, value));
      assertEquals(400, refused.statusCode(), field);
      assertTrue(refused.bodyAsJsonObject().getString("message").contains(field), refused.bodyAsString());
    });
    HttpResponse<Buffer> misspelt = create(pagerDuty().put("confg", new JsonObject()));
    assertEquals("'confg' is not a field of an integration (config, display_name, enabled, id, integration_type)",
        misspelt.bodyAsJsonObject().getString("message"));
    HttpResponse<Buffer> slack = create(pagerDuty().put("integration_type", "slack"));
    assertFalse(slack.bodyAsString().contains("slack"), "the value is not repeated");
    HttpResponse<Buffer> unknownSetting = create(pagerDuty().put("config", config().put("routing", KEY)));
    assertEquals(List.of(400, "invalid_config"), refusal(unknownSetting));
    assertTrue(unknownSetting.bodyAsJsonObject().getString("message").startsWith("'routing' is not a pagerduty"));
    HttpResponse<Buffer> shortKey = create(pagerDuty().put("config", config().put("integration_key", "sk-12345")));
    assertEquals(List.of(400, "invalid_config"), refusal(shortKey));
    assertFalse(shortKey.bodyAsString().contains("sk-12345"));
    assertEquals(List.of(400, "invalid_config"), refusal(create(pagerDuty().put("config",
        config().put("integration_key", "********")))), "a redacted secret with nothing saved to stand for");
    assertEquals(0, TestDatabase.count("SELECT count(*) FROM destination_config"), "nothing was saved");
  }

  @Test
  @DisplayName("A body over the limit is 413; ids are ASCII names: a unicode one is refused, a unicode display name"
      + " becomes one, and one with no latin letter needs an id")
  void sizesAndIds() {
    String huge = pagerDuty().put("display_name", "x".repeat(300_000)).encode();
    assertEquals(413, raw(HttpMethod.POST, "/api/integrations", huge).statusCode());
    assertEquals(List.of(400, "invalid_request"), refusal(create(pagerDuty().put("display_name", "y".repeat(201)))));
    assertEquals(List.of(400, "invalid_request"), refusal(create(pagerDuty().put("id", "\u00fcber-hook"))));
    assertEquals(List.of(400, "invalid_request"), refusal(create(pagerDuty().put("id", "Upper"))));
    assertEquals(List.of(400, "invalid_request"), refusal(create(pagerDuty().put("id", "available"))));
    assertEquals(List.of(400, "invalid_request"), refusal(create(pagerDuty().put("display_name", "\u76e3\u63a7"))));
    assertEquals(List.of(400, "invalid_request"), refusal(create(pagerDuty().put("display_name", "half \ud800"))));
    String displayName = "\u00c9quipe SOC (prod) \u2014 \u76e3\u63a7";
    HttpResponse<Buffer> accented = create(pagerDuty().put("display_name", displayName));
    assertEquals(201, accented.statusCode(), accented.bodyAsString());
    assertEquals("equipe-soc-prod", accented.bodyAsJsonObject().getString("id"));
    assertEquals("unhealthy", accented.bodyAsJsonObject().getString("status"), "no PagerDuty on loopback's port 9");
    assertEquals(displayName, call(gw, HttpMethod.GET,
        "/api/integrations/equipe-soc-prod", null).bodyAsJsonObject().getString("display_name"));
    HttpResponse<Buffer> longName = create(pagerDuty().put("display_name", "Z".repeat(90)));
    assertEquals("z".repeat(63), longName.bodyAsJsonObject().getString("id"));
  }

  @Test
  @DisplayName("An id that is not there, however it is written, is 404 not_found on every route")
  void unknownIds() {
    for (String id : List.of("nothing-here", "%C3%BCber", "x".repeat(1000), "..%2F..%2Fetc", "%00")) {
      for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE)) {
        HttpResponse<Buffer> answer = call(gw, method, "/api/integrations/" + id,
            method == HttpMethod.PUT ? pagerDuty() : null);
        assertEquals(List.of(404, "not_found"), refusal(answer), method + " " + id);
      }
      assertEquals(List.of(404, "not_found"), refusal(call(gw, HttpMethod.GET, "/api/integrations/" + id + "/test",
          null)));
    }
  }

  @Test
  @DisplayName("An update may not change the type or the id, and its body is checked as a new one is")
  void wrongUpdates() {
    assertEquals(201, create(pagerDuty().put("id", "pd")).statusCode());
    String path = "/api/integrations/pd";
    assertEquals(List.of(400, "invalid_request"), refusal(call(gw, HttpMethod.PUT, path,
        new JsonObject().put("integration_type", "webhook").put("config", new JsonObject()))));
    assertEquals(List.of(400, "invalid_request"), refusal(call(gw, HttpMethod.PUT, path,
        new JsonObject().put("id", "other").put("config", config()))));
    assertEquals(List.of(400, "invalid_request"), refusal(call(gw, HttpMethod.PUT, path, new JsonObject())));
    assertEquals(List.of(400, "invalid_json"), refusal(raw(HttpMethod.PUT, path, "nope")));
    assertEquals(List.of(400, "invalid_config"), refusal(call(gw, HttpMethod.PUT, path,
        new JsonObject().put("config", new JsonObject().put("integration_key", 42)))));
    assertEquals(List.of(400, "invalid_parameter"), refusal(call(gw, HttpMethod.DELETE, path + "?force=maybe",
        null)));
    assertEquals(List.of(400, "invalid_parameter"), refusal(call(gw, HttpMethod.GET, "/api/integrations?limit=0",
        null)));
    JsonObject kept = call(gw, HttpMethod.GET, path, null).bodyAsJsonObject();
    assertEquals(List.of("pagerduty", "PagerDuty"), List.of(kept.getString("integration_type"),
        kept.getString("display_name")));
    assertFalse(call(gw, HttpMethod.GET, "/api/integrations", null).bodyAsString().contains(KEY));
  }

  private static JsonObject config() {
    // Port 9 (discard) on loopback: nothing answers, so a check fails quickly.
    return new JsonObject().put("integration_key", KEY).put("base_url", "http://127.0.0.1:9").put("timeout", 2);
  }

  private static JsonObject pagerDuty() {
    return new JsonObject().put("integration_type", "pagerduty").put("display_name", "PagerDuty")
        .put("config", config());
  }

  private static HttpResponse<Buffer> create(JsonObject body) {
    HttpResponse<Buffer> answer = call(gw, HttpMethod.POST, "/api/integrations", body);
    assertFalse(answer.bodyAsString().contains(KEY), answer.bodyAsString());
    return answer;
  }

  private static HttpResponse<Buffer> raw(HttpMethod method, String path, String body) {
    return gw.await(request(gw, method, path).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body)));
  }

  private static List<Object> refusal(HttpResponse<Buffer> answer) {
    JsonObject body = answer.bodyAsJsonObject();
    return List.of(answer.statusCode(), body == null ? "no JSON body" : body.getString("error", "no error code"));
  }
}
