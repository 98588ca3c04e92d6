package io.alertgate.admin;

import io.alertgate.http.RegisteredRoutes;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.alertgate.admin.AdminCalls.call;
import static io.alertgate.admin.AdminCalls.relaying;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * No route shows a saved secret: every destination type is saved with secrets through both integration views, then
 * every read the admin router has (and the connection checks, which answer with what a destination said) is asked
 * about every one of them. The routes are read from the router, so a route added later is swept too.
 */
class RedactionSweepTest {

  private static final String JIRA_TOKEN = "jira-sweep-token-4e1b";
  private static final String PAGERDUTY_KEY = "sweepKEY0123456789abcdefABCDEF99";
  private static final String STACKSTORM_KEY = "st2-sweep-key-90c3";
  private static final String WEBHOOK_SECRET = "whsec_c3dlZXAtc2VjcmV0LXN3ZWVwLXRlc3Q=";
  private static final String HEADER_VALUE = "Bearer sweep-header-7a7a";
  private static final String URL_PATH = "/hooks/sweep-path-secret-5d5d";
  private static final List<String> SECRETS = List.of(JIRA_TOKEN, PAGERDUTY_KEY, STACKSTORM_KEY, WEBHOOK_SECRET,
      "c3dlZXAtc2VjcmV0LXN3ZWVwLXRlc3Q", "sweep-header-7a7a", "sweep-path-secret-5d5d");
  private static final List<String> IDS = List.of("jira", "pagerduty", "stackstorm", "webhook", "team-hook");

  private static Vertx others;
  private static HttpServer vendor;
  private static RunningGateway gw;

  @BeforeAll
  static void start() throws Exception {
    TestDatabase.truncate();
    others = Vertx.vertx();
    // Every vendor at once, echoing what it was sent: a check that repeats its answer must still hide the secrets.
    vendor = await(others.createHttpServer().requestHandler(request -> request.body().onSuccess(body ->
        request.response().setStatusCode(401).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("echo", request.headers().toString() + body).encode())))
        .listen(0, "127.0.0.1"));
    gw = RunningGateway.start(relaying(null));
    String base = "http://127.0.0.1:" + vendor.actualPort();
    save("jira", new JsonObject().put("base_url", base).put("username", "soc@example.com")
        .put("api_token", JIRA_TOKEN).put("project_key", "SOC").put("instance_type", "cloud"));
    save("pagerduty", new JsonObject().put("base_url", base).put("integration_key", PAGERDUTY_KEY));
    save("stackstorm", new JsonObject().put("base_url", base).put("api_key", STACKSTORM_KEY)
        .put("action", "core.local"));
    save("webhook", webhook(base));
    HttpResponse<Buffer> created = call(gw, HttpMethod.POST, "/api/integrations", new JsonObject()
        .put("integration_type", "webhook").put("id", "team-hook").put("display_name", "Team hook")
        .put("config", webhook(base)));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertClean("creating team-hook", created);
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
    await(others.close());
  }

  private static JsonObject webhook(String base) {
    return new JsonObject().put("url", base + URL_PATH).put("secret", WEBHOOK_SECRET)
        .put("headers", new JsonObject().put("Authorization", HEADER_VALUE));
  }

  private static void save(String type, JsonObject settings) {
    HttpResponse<Buffer> saved = call(gw, HttpMethod.POST, "/api/v1/integrations/" + type + "/config", settings);
    assertEquals(200, saved.statusCode(), type + ": " + saved.bodyAsString());
    assertClean("saving " + type, saved);
  }

  @TestFactory
  @DisplayName("Every read of the admin API, and every connection check, about every saved destination: no secret")
  Stream<DynamicTest> everyRouteRedacts() {
    List<DynamicTest> sweeps = new ArrayList<>();
    for (RegisteredRoutes.Endpoint endpoint : RegisteredRoutes.of(gw.gateway.adminRouter())) {
      boolean read = endpoint.method().equals("GET");
      boolean check = endpoint.path().endsWith("/test");
      if (!endpoint.path().startsWith("/api/") || !(read || check)) {
        continue;
      }
      for (String path : filled(endpoint.path())) {
        sweeps.add(DynamicTest.dynamicTest(endpoint.method() + " " + path, () -> assertClean(path,
            call(gw, HttpMethod.valueOf(endpoint.method()), path, read ? null : new JsonObject()))));
      }
    }
    return sweeps.stream();
  }

  /** The route's path with each saved destination in its parameter, or as it is when it has none. */
  private static List<String> filled(String path) {
    if (!path.contains("{")) {
      return List.of(path);
    }
    return IDS.stream().map(id -> path.replaceAll("\\{[A-Za-z0-9_]+}", id)).distinct().toList();
  }

  private static void assertClean(String what, HttpResponse<Buffer> answer) {
    String body = answer.bodyAsString() == null ? "" : answer.bodyAsString();
    for (String secret : SECRETS) {
      assertFalse(body.contains(secret), what + " shows " + secret + ": " + body);
    }
  }
}
