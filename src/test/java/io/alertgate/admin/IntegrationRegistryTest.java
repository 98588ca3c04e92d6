package io.alertgate.admin;

import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.alertgate.admin.AdminCalls.relaying;
import static io.alertgate.support.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The integration registry end to end, against a fake PagerDuty and webhook receiver on loopback: what can be
 * created, an integration's whole life (created and checked for real, read, applied, updated, checked, removed with
 * deliveries waiting), the registry and the per-type endpoints as two views of the same destinations, the file's
 * destinations read-only, and pages. No answer ever holds a secret.
 */
class IntegrationRegistryTest {

  private static final String ROUTING_KEY = "u8jzPde0IgxLd6GncfBAepfJBd0Kh8oO";
  private static final String TOKEN = "registry-bearer-51c0";
  private static final String ID = "pagerduty-soc-prod";

  private FakeVendor vendor;
  /** Every answer the admin API gave in the test, to look for secrets in. */
  private final StringBuilder answers = new StringBuilder();

  @BeforeEach
  void setUp() throws Exception {
    TestDatabase.truncate();
    vendor = FakeVendor.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    vendor.close();
    for (String secret : List.of(ROUTING_KEY, TOKEN, TestConfigs.WHSEC.substring(6))) {
      assertFalse(answers.toString().contains(secret), "a secret in an answer");
    }
  }

  @Test
  @DisplayName("Available: every destination type with its category, capabilities and fields (secrets said to be"
      + " secret), and the enrichment providers, which only the configuration file and the environment configure")
  void available() {
    try (RunningGateway gw = RunningGateway.start(relaying(null))) {
      JsonArray all = call(gw, HttpMethod.GET, "/api/integrations/available", null).bodyAsJsonObject()
          .getJsonArray("integrations");
      Map<String, JsonObject> byName = all.stream().map(JsonObject.class::cast)
          .collect(Collectors.toMap(one -> one.getString("name"), Function.identity()));
      assertEquals(List.of("jira", "pagerduty", "stackstorm", "webhook", "virustotal", "abuseipdb"),
          all.stream().map(one -> ((JsonObject) one).getString("name")).toList());
      JsonObject pagerDuty = byName.get("pagerduty");
      assertEquals("paging", pagerDuty.getString("type"));
      assertEquals(List.of("create_incident", "resolve_incident"), pagerDuty.getJsonArray("capabilities").getList());
      assertTrue(pagerDuty.getBoolean("configurable"));
      assertEquals(new JsonObject().put("name", "integration_key").put("kind", "secret").put("required", true)
          .putNull("default").put("secret", true), field(pagerDuty, "integration_key"));
      assertEquals(new JsonObject().put("name", "base_url").put("kind", "url").put("required", false)
          .put("default", "https://events.pagerduty.com").put("secret", false), field(pagerDuty, "base_url"));
      assertEquals("info", field(pagerDuty, "severity_mapping").getJsonObject("default").getString("low"));
      assertEquals(List.of("create_incident", "comment"), byName.get("jira").getJsonArray("capabilities").getList());
      assertEquals(List.of("cloud", "on-premise", "server", "datacenter"),
          field(byName.get("jira"), "instance_type").getJsonArray("choices").getList());
      assertEquals(List.of("execute_action"), byName.get("stackstorm").getJsonArray("capabilities").getList());
      JsonObject webhook = byName.get("webhook");
      assertEquals(List.of("send_webhook"), webhook.getJsonArray("capabilities").getList());
      assertEquals(List.of("object", true), List.of(field(webhook, "headers").getString("kind"),
          field(webhook, "headers").getBoolean("secret")));
      assertTrue(field(webhook, "url").getBoolean("masked"));
      JsonObject virusTotal = byName.get("virustotal");
      assertEquals(List.of("threat_intel", false), List.of(virusTotal.getString("type"),
          virusTotal.getBoolean("configurable")));
      assertTrue(virusTotal.getString("description").contains("VIRUSTOTAL_API_KEY"));
      assertEquals(401, gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/api/integrations/available")
          .send()).statusCode());
    }
  }

  @Test
  @DisplayName("An integration's life: created and checked against the vendor, read redacted, delivering routed"
      + " alerts, updated with its secrets sent back redacted, checked, refused as a duplicate, and removed: refused"
      + " while a delivery waits for it, forced, which ends that delivery dead saying why")
  void lifecycle() throws Exception {
    try (RunningGateway gw = RunningGateway.start(relaying(null))) {
      JsonObject pagerDuty = new JsonObject().put("integration_type", "pagerduty")
          .put("display_name", "PagerDuty \u2013 SOC (prod)")
          .put("config", new JsonObject().put("integration_key", ROUTING_KEY).put("base_url", vendor.url("")));
      HttpResponse<Buffer> created = call(gw, HttpMethod.POST, "/api/integrations", pagerDuty);
      assertEquals(201, created.statusCode(), created.bodyAsString());
      assertEquals(List.of(ID, "healthy"), List.of(created.bodyAsJsonObject().getString("id"),
          created.bodyAsJsonObject().getString("status")));
      assertEquals("/api/integrations/" + ID, created.getHeader("Location"));
      assertEquals(ROUTING_KEY, vendor.received.get(0).routingKey(), "a real check, with the key");
      assertFalse(TestDatabase.text("SELECT settings::text FROM destination_config WHERE name = '" + ID + "'")
          .contains(ROUTING_KEY), "sealed at rest");

      JsonObject view = call(gw, HttpMethod.GET, "/api/integrations/" + ID, null).bodyAsJsonObject();
      assertEquals(List.of("pagerduty", "PagerDuty \u2013 SOC (prod)", "api", true), List.of(
          view.getString("integration_type"), view.getString("display_name"), view.getString("managed_by"),
          view.getBoolean("enabled")));
      assertEquals("********", view.getJsonObject("config").getString("integration_key"));
      JsonObject test = call(gw, HttpMethod.GET, "/api/integrations/" + ID + "/test", null).bodyAsJsonObject();
      assertEquals(List.of(true, "healthy", 202), List.of(test.getBoolean("healthy"),
          test.getJsonObject("health").getString("status"), test.getJsonObject("health").getInteger("status_code")));

      alert(gw, "reg-1");
      waitUntil(() -> vendor.received.stream().anyMatch(r -> r.body().contains("\"trigger\"")));

      JsonObject edited = view.copy().put("display_name", "SOC paging");
      edited.getJsonObject("config").put("timeout", 7);
      HttpResponse<Buffer> updated = call(gw, HttpMethod.PUT, "/api/integrations/" + ID, edited);
      assertEquals(200, updated.statusCode(), updated.bodyAsString());
      assertEquals(List.of("SOC paging", 7), List.of(updated.bodyAsJsonObject().getString("display_name"),
          updated.bodyAsJsonObject().getJsonObject("config").getInteger("timeout")));
      call(gw, HttpMethod.GET, "/api/integrations/" + ID + "/test", null);
      assertEquals(ROUTING_KEY, last().routingKey(), "the key sent back redacted was kept");

      vendor.failWith.set(400);
      JsonObject refused = call(gw, HttpMethod.GET, "/api/integrations/" + ID + "/test", null).bodyAsJsonObject();
      assertEquals(List.of(false, "unhealthy", 400), List.of(refused.getBoolean("healthy"),
          refused.getJsonObject("health").getString("status"),
          refused.getJsonObject("health").getInteger("status_code")));
      HttpResponse<Buffer> again = call(gw, HttpMethod.POST, "/api/integrations", pagerDuty);
      assertEquals(409, again.statusCode());
      assertEquals("already_exists", again.bodyAsJsonObject().getString("error"));

      vendor.failWith.set(500);
      alert(gw, "reg-2");
      String waiting = "/api/v1/deliveries?status=retrying&destination=" + ID;
      waitUntil(() -> !call(gw, HttpMethod.GET, waiting, null).bodyAsJsonObject().getJsonArray("deliveries")
          .isEmpty());
      HttpResponse<Buffer> kept = call(gw, HttpMethod.DELETE, "/api/integrations/" + ID, null);
      assertEquals(409, kept.statusCode());
      assertEquals("deliveries_pending", kept.bodyAsJsonObject().getString("error"));
      HttpResponse<Buffer> removed = call(gw, HttpMethod.DELETE, "/api/integrations/" + ID + "?force=true", null);
      assertEquals(200, removed.statusCode(), removed.bodyAsString());
      assertEquals(new JsonObject().put("id", ID).put("status", "removed").put("deliveries_ended", 1),
          removed.bodyAsJsonObject());
      JsonObject dead = call(gw, HttpMethod.GET, "/api/v1/deliveries?status=dead&destination=" + ID, null)
          .bodyAsJsonObject().getJsonArray("deliveries").getJsonObject(0);
      assertEquals("its destination " + ID + " was removed", dead.getString("last_error"));

      HttpResponse<Buffer> gone = call(gw, HttpMethod.GET, "/api/integrations/" + ID, null);
      assertEquals(404, gone.statusCode());
      assertEquals("not_found", gone.bodyAsJsonObject().getString("error"));
      assertEquals(List.of(), call(gw, HttpMethod.GET, "/api/integrations", null).bodyAsJsonObject()
          .getJsonArray("integrations").getList());
      assertFalse(call(gw, HttpMethod.GET, "/api/connectors/health", null).bodyAsString().contains(ID));
    }
  }

  @Test
  @DisplayName("The per-type endpoints act on the integration whose id is the type: a configuration saved through"
      + " either view is read through the other, its secrets and display name kept")
  void twoViewsOfOneDestination() {
    try (RunningGateway gw = RunningGateway.start(relaying(null))) {
      HttpResponse<Buffer> created = call(gw, HttpMethod.POST, "/api/integrations", new JsonObject()
          .put("integration_type", "webhook").put("display_name", "Webhook").put("config", webhook("/hook")));
      assertEquals(List.of(201, "webhook"), List.of(created.statusCode(), created.bodyAsJsonObject().getString("id")));

      JsonObject perType = call(gw, HttpMethod.GET, "/api/v1/integrations/webhook/config", null).bodyAsJsonObject();
      assertEquals(List.of(true, "api", "********"), List.of(perType.getBoolean("configured"),
          perType.getString("managed_by"), perType.getString("secret")));
      assertEquals(200, call(gw, HttpMethod.POST, "/api/v1/integrations/webhook/config", perType.put("timeout", 9))
          .statusCode());
      JsonObject registry = call(gw, HttpMethod.GET, "/api/integrations/webhook", null).bodyAsJsonObject();
      assertEquals(List.of("Webhook", 9, "********"), List.of(registry.getString("display_name"),
          registry.getJsonObject("config").getInteger("timeout"),
          registry.getJsonObject("config").getJsonObject("headers").getString("Authorization")));
      assertTrue(call(gw, HttpMethod.GET, "/api/integrations/webhook/test", null).bodyAsJsonObject()
          .getBoolean("healthy"));
      assertEquals("Bearer " + TOKEN, last().authorization(), "the header saved through the other view was kept");

      assertEquals(200, call(gw, HttpMethod.POST, "/api/v1/integrations/pagerduty/config", new JsonObject()
          .put("integration_key", ROUTING_KEY).put("base_url", vendor.url(""))).statusCode());
      JsonObject listed = call(gw, HttpMethod.GET, "/api/integrations", null).bodyAsJsonObject()
          .getJsonArray("integrations").getJsonObject(0);
      assertEquals(List.of("pagerduty", "pagerduty", "api"), List.of(listed.getString("id"),
          listed.getString("display_name"), listed.getString("managed_by")));
      HttpResponse<Buffer> otherType = call(gw, HttpMethod.POST, "/api/integrations", new JsonObject()
          .put("integration_type", "webhook").put("display_name", "Jira").put("config", webhook("/jira")));
      assertEquals(400, otherType.statusCode(), "jira is the id of the jira integration of the per-type endpoints");
    }
  }

  @Test
  @DisplayName("A destination of the configuration file is listed and read, redacted, and checked, never changed")
  void fileDestinationsAreReadOnly() {
    JsonObject file = new JsonObject().put("soc-hook", webhook("/file").put("type", "webhook"));
    try (RunningGateway gw = RunningGateway.start(relaying(file))) {
      JsonObject listed = call(gw, HttpMethod.GET, "/api/integrations", null).bodyAsJsonObject()
          .getJsonArray("integrations").getJsonObject(0);
      assertEquals(List.of("soc-hook", "webhook", "config"), List.of(listed.getString("id"),
          listed.getString("integration_type"), listed.getString("managed_by")));
      JsonObject view = call(gw, HttpMethod.GET, "/api/integrations/soc-hook", null).bodyAsJsonObject();
      assertEquals("********", view.getJsonObject("config").getJsonObject("headers").getString("Authorization"));
      assertEquals(vendor.url("/..."), view.getJsonObject("config").getString("url"));
      for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.DELETE)) {
        HttpResponse<Buffer> refused = call(gw, method, "/api/integrations/soc-hook", view);
        assertEquals(409, refused.statusCode());
        assertEquals("managed_by_config", refused.bodyAsJsonObject().getString("error"));
      }
      HttpResponse<Buffer> taken = call(gw, HttpMethod.POST, "/api/integrations", new JsonObject()
          .put("integration_type", "webhook").put("id", "soc-hook").put("display_name", "Mine")
          .put("config", webhook("/mine")));
      assertEquals(409, taken.statusCode());
      assertTrue(call(gw, HttpMethod.GET, "/api/integrations/soc-hook/test", null).bodyAsJsonObject()
          .getBoolean("healthy"));
      assertEquals(List.of("/file", "Bearer " + TOKEN), List.of(last().path(), last().authorization()));
    }
  }

  @Test
  @DisplayName("An integration of a type this gateway lacks (saved by another version) cannot be changed, but can be"
      + " removed")
  void unknownTypeCanBeRemoved() {
    try (RunningGateway gw = RunningGateway.start(relaying(null))) {
      TestDatabase.execute("INSERT INTO destination_config (name, type, enabled, settings) VALUES ('old-pager',"
          + " 'opsgenie', true, '{}')");
      HttpResponse<Buffer> update = call(gw, HttpMethod.PUT, "/api/integrations/old-pager", new JsonObject()
          .put("config", new JsonObject()));
      assertEquals(409, update.statusCode(), update.bodyAsString());
      assertEquals("type_unavailable", update.bodyAsJsonObject().getString("error"));
      HttpResponse<Buffer> removed = call(gw, HttpMethod.DELETE, "/api/integrations/old-pager", null);
      assertEquals(200, removed.statusCode(), removed.bodyAsString());
      assertEquals(0, TestDatabase.count("SELECT count(*) FROM destination_config WHERE name = 'old-pager'"));
    }
  }

  @Test
  @DisplayName("The list comes a page at a time in the order of ids, the file's among the saved, each once")
  void pages() {
    JsonObject file = new JsonObject().put("hook-2b", webhook("/file").put("type", "webhook"));
    try (RunningGateway gw = RunningGateway.start(relaying(file))) {
      for (int i = 5; i >= 1; i--) {
        assertEquals(201, call(gw, HttpMethod.POST, "/api/integrations", new JsonObject().put("id", "hook-" + i)
            .put("integration_type", "webhook").put("display_name", "Hook " + i).put("config", webhook("/" + i)))
            .statusCode());
      }
      List<String> walked = new ArrayList<>();
      String cursor = null;
      do {
        JsonObject page = call(gw, HttpMethod.GET, "/api/integrations?limit=2"
            + (cursor == null ? "" : "&cursor=" + cursor), null).bodyAsJsonObject();
        page.getJsonArray("integrations").forEach(one -> walked.add(((JsonObject) one).getString("id")));
        cursor = page.getString("next_cursor");
      } while (cursor != null);
      assertEquals(List.of("hook-1", "hook-2", "hook-2b", "hook-3", "hook-4", "hook-5"), walked);
      HttpResponse<Buffer> wrong = call(gw, HttpMethod.GET, "/api/integrations?cursor=%C3%BCber", null);
      assertEquals(400, wrong.statusCode());
      assertNull(call(gw, HttpMethod.GET, "/api/integrations", null).bodyAsJsonObject().getString("next_cursor"));
    }
  }

  private JsonObject webhook(String path) {
    return new JsonObject().put("url", vendor.url(path)).put("secret", TestConfigs.WHSEC)
        .put("headers", new JsonObject().put("Authorization", "Bearer " + TOKEN));
  }

  private FakeVendor.Received last() {
    return vendor.received.get(vendor.received.size() - 1);
  }

  private static JsonObject field(JsonObject integration, String name) {
    return integration.getJsonArray("fields").stream().map(JsonObject.class::cast)
        .filter(field -> field.getString("name").equals(name)).findFirst().orElseThrow();
  }

  private static void alert(RunningGateway gw, String id) {
    String alert = "{\"kibana.alert.uuid\":\"" + id + "\",\"kibana.alert.rule.name\":\"Registry " + id + "\"}";
    assertEquals(202, gw.send(gw.post("elastic").putHeader("webhook-id", id)
        .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, alert)), alert).statusCode());
  }

  private HttpResponse<Buffer> call(RunningGateway gw, HttpMethod method, String path, JsonObject body) {
    HttpResponse<Buffer> answer = AdminCalls.call(gw, method, path, body);
    answers.append(answer.bodyAsString()).append('\n');
    return answer;
  }
}
