package io.alertgate.admin;

import io.alertgate.support.Eventually;
import io.alertgate.support.LogCapture;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin audit: every write an accepted token makes, whatever came of it, and its listing for admins. */
class AdminAuditTest {

  private static final String NO_ID = "00000000-0000-7000-8000-000000000000";
  private static final String BODY_SECRET = "a-routing-key-in-the-body";
  private static RunningGateway gw;

  @BeforeAll
  static void start() {
    TestDatabase.truncate();
    gw = RunningGateway.start(RoleTokens.config());
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @BeforeEach
  void emptyAudit() {
    TestDatabase.execute("TRUNCATE admin_audit");
  }

  @Test
  @DisplayName("A write is recorded after its answer: token id and role, method, path, target, status, parameter names")
  void writeIsRecorded() throws InterruptedException {
    String query = "?force=1&Bearer%20" + TestConfigs.ADMIN_TOKEN + "=x&" + TestConfigs.ADMIN_TOKEN;
    HttpResponse<Buffer> replay = send(HttpMethod.POST, "/api/v1/deliveries/" + NO_ID + "/replay" + query,
        TestConfigs.ADMIN_TOKEN);
    assertEquals(400, replay.statusCode(), "the route takes no query parameter");
    JsonObject entry = onlyEntry();
    assertEquals("admin.token", entry.getString("token_id"));
    assertEquals("admin", entry.getString("role"));
    assertEquals("POST", entry.getString("method"));
    assertEquals("/api/v1/deliveries/" + NO_ID + "/replay", entry.getString("path"));
    assertEquals(NO_ID, entry.getString("target_id"));
    assertEquals(400, entry.getInteger("status"));
    // Only names in the API's own spelling, given with a value: a bare word could be a pasted token.
    assertEquals(new JsonArray().add("force"), entry.getJsonArray("query_params"));
    assertTrue(entry.getString("at").endsWith("Z"));
    assertEquals(0, TestDatabase.count("SELECT count(*) FROM admin_audit WHERE admin_audit::text LIKE '%"
        + TestConfigs.ADMIN_TOKEN + "%'"));
  }

  @Test
  @DisplayName("A body is never recorded, nor a query parameter's value")
  void noBodyNoValues() throws InterruptedException {
    HttpResponse<Buffer> saved = gw.await(RoleTokens.request(gw, HttpMethod.POST,
            "/api/v1/integrations/pagerduty/config?url=https://hooks.example/" + BODY_SECRET, TestConfigs.ADMIN_TOKEN)
        .sendJsonObject(new JsonObject().put("routing_key", BODY_SECRET)));
    assertFalse(saved.statusCode() == 401 || saved.statusCode() == 403);
    JsonObject entry = onlyEntry();
    assertEquals("pagerduty", entry.getString("target_id"), "the route's one parameter is its target");
    assertEquals(new JsonArray().add("url"), entry.getJsonArray("query_params"));
    assertEquals(0, TestDatabase.count("SELECT count(*) FROM admin_audit WHERE admin_audit::text LIKE '%"
        + BODY_SECRET + "%'"));
  }

  @Test
  @DisplayName("A viewer's refused write is recorded with its 403; reads and requests without a valid token are not")
  void refusedWritesOnly() throws InterruptedException {
    assertEquals(403, send(HttpMethod.POST, "/api/v1/inbound/" + NO_ID + "/reprocess", RoleTokens.VIEWER).statusCode());
    assertEquals(401, send(HttpMethod.POST, "/api/v1/inbound/" + NO_ID + "/reprocess", "not-a-token").statusCode());
    assertEquals(401, send(HttpMethod.DELETE, "/api/v1/alerts", null).statusCode());
    assertEquals(200, send(HttpMethod.GET, "/api/v1/alerts", RoleTokens.VIEWER).statusCode());
    assertEquals(200, send(HttpMethod.GET, "/api/v1/alerts", TestConfigs.ADMIN_TOKEN).statusCode());
    JsonObject entry = onlyEntry();
    assertEquals(RoleTokens.VIEWER_ID, entry.getString("token_id"));
    assertEquals("viewer", entry.getString("role"));
    assertEquals(403, entry.getInteger("status"));
  }

  @Test
  @DisplayName("Two admin tokens work at once for a rotation, each recorded under its own id")
  void rotation() throws InterruptedException {
    assertEquals(404, replay(TestConfigs.ADMIN_TOKEN).statusCode());
    assertEquals(404, replay(RoleTokens.NEXT_ADMIN).statusCode());
    Eventually.waitUntil(() -> TestDatabase.count("SELECT count(*) FROM admin_audit") == 2);
    List<String> ids = new ArrayList<>();
    audit("", TestConfigs.ADMIN_TOKEN).getJsonArray("audit").forEach(e -> ids.add(((JsonObject) e)
        .getString("token_id")));
    assertEquals(List.of(RoleTokens.NEXT_ADMIN_ID, "admin.token"), ids, "newest first");
  }

  @Test
  @DisplayName("The audit pages by cursor and filters by token id; for admin tokens only, a viewer gets 403")
  void listing() throws InterruptedException {
    for (String token : List.of(TestConfigs.ADMIN_TOKEN, RoleTokens.NEXT_ADMIN, TestConfigs.ADMIN_TOKEN)) {
      replay(token);
    }
    Eventually.waitUntil(() -> TestDatabase.count("SELECT count(*) FROM admin_audit") == 3);
    JsonObject first = audit("?limit=2", RoleTokens.NEXT_ADMIN);
    assertEquals(2, first.getJsonArray("audit").size());
    JsonObject second = audit("?limit=2&cursor=" + first.getString("next_cursor"), RoleTokens.NEXT_ADMIN);
    assertEquals(1, second.getJsonArray("audit").size());
    assertNull(second.getString("next_cursor"));
    assertEquals(2, audit("?token_id=admin.token", TestConfigs.ADMIN_TOKEN).getJsonArray("audit").size());
    assertEquals(400, send(HttpMethod.GET, "/api/v1/audit?limit=501", TestConfigs.ADMIN_TOKEN).statusCode());
    HttpResponse<Buffer> viewer = send(HttpMethod.GET, "/api/v1/audit", RoleTokens.VIEWER);
    assertEquals(403, viewer.statusCode());
    assertEquals("forbidden", viewer.bodyAsJsonObject().getString("error"));
  }

  @Test
  @DisplayName("While the audit cannot be written, writes still answer and the failure is logged once, then its end")
  void failureLoggedOncePerChange() throws InterruptedException {
    try (LogCapture log = LogCapture.attach()) {
      TestDatabase.execute("ALTER TABLE admin_audit RENAME TO admin_audit_away");
      try {
        for (int i = 0; i < 3; i++) {
          assertEquals(404, replay(TestConfigs.ADMIN_TOKEN).statusCode());
        }
        Eventually.waitUntil(() -> count(log, "The admin audit cannot be written") == 1);
      } finally {
        TestDatabase.execute("ALTER TABLE admin_audit_away RENAME TO admin_audit");
      }
      replay(TestConfigs.ADMIN_TOKEN);
      Eventually.waitUntil(() -> count(log, "The admin audit is written again") == 1);
      assertEquals(1, count(log, "The admin audit cannot be written"), log.text());
      // Each entry is lost or written: a write in flight as the table came back may have been written.
      Matcher lost = Pattern.compile("written again; (\\d+) writes went unrecorded").matcher(log.text());
      assertTrue(lost.find(), log.text());
      assertEquals(4, Integer.parseInt(lost.group(1)) + TestDatabase.count("SELECT count(*) FROM admin_audit"));
    }
  }

  private static long count(LogCapture log, String text) {
    return log.text().lines().filter(line -> line.contains(text)).count();
  }

  private static JsonObject onlyEntry() throws InterruptedException {
    Eventually.waitUntil(() -> TestDatabase.count("SELECT count(*) FROM admin_audit") > 0);
    JsonArray entries = audit("", TestConfigs.ADMIN_TOKEN).getJsonArray("audit");
    assertEquals(1, entries.size(), entries.encode());
    return entries.getJsonObject(0);
  }

  private static JsonObject audit(String query, String token) {
    HttpResponse<Buffer> response = send(HttpMethod.GET, "/api/v1/audit" + query, token);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> replay(String token) {
    return send(HttpMethod.POST, "/api/v1/deliveries/" + NO_ID + "/replay", token);
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, String token) {
    return gw.await(RoleTokens.request(gw, method, path, token).send());
  }
}
