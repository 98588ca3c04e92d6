package io.alertgate.admin;

import io.alertgate.http.RegisteredRoutes;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The configured sources as operators see them, and what every admin route makes of a parameter it does not take. */
class OperatorApiTest {

  private static final String ANY_ID = "00000000-0000-7000-8000-000000000000";
  private static RunningGateway gw;

  @BeforeAll
  static void start() {
    TestDatabase.truncate();
    gw = RunningGateway.start(TestConfigs.config());
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  @DisplayName("Sources: vendor, auth, whether a secret is set and how many, the webhook path; never a secret")
  void sources() {
    HttpResponse<Buffer> response = send(HttpMethod.GET, "/api/v1/sources");
    assertEquals(200, response.statusCode());
    Map<String, JsonObject> byName = new HashMap<>();
    response.bodyAsJsonObject().getJsonArray("sources").forEach(s -> byName.put(((JsonObject) s).getString("name"),
        (JsonObject) s));
    assertEquals(new JsonObject().put("name", "elastic").put("vendor", "elastic").put("auth", "hmac")
        .put("has_secret", true).put("active_secrets", 2).put("secret_generated", false)
        .put("webhook_path", "/api/v1/webhooks/elastic").put("enabled", true), byName.get("elastic"));
    assertEquals("token", byName.get("splunk").getString("auth"));
    assertEquals("standard-webhooks", byName.get("app").getString("auth"));
    assertEquals("generic", byName.get("app").getString("vendor"));
    JsonObject open = byName.get("open");
    assertEquals(List.of("none", false, true), List.of(open.getString("auth"), open.getBoolean("has_secret"),
        open.getBoolean("enabled")));
    JsonObject unset = byName.get("unset");
    assertEquals(List.of(false, false), List.of(unset.getBoolean("has_secret"), unset.getBoolean("enabled")),
        "without its secret a source refuses every sender");
    String body = response.bodyAsString();
    for (String secret : List.of(TestConfigs.ELASTIC_SECRET, TestConfigs.ELASTIC_OLD_SECRET,
        TestConfigs.SENTINEL_SECRET, TestConfigs.SPLUNK_TOKEN, TestConfigs.WHSEC, "base64-secret",
        "It's a Secret to Everybody", TestConfigs.WHSEC.substring(6, 20), "elastic-test", "MfKQ9r8G")) {
      assertFalse(body.contains(secret), "the body shows " + secret);
    }
  }

  @TestFactory
  @DisplayName("Every admin route refuses a query parameter it does not take, naming it, and changes nothing")
  Stream<DynamicTest> unknownParameter() {
    // Read from the router, so that a route added later is held to it without a line here.
    return RegisteredRoutes.of(gw.gateway.adminRouter()).stream()
        .filter(endpoint -> endpoint.path().startsWith("/api/"))
        .map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(), () -> {
          String path = endpoint.path().replaceAll("\\{[A-Za-z0-9_]+}", idFor(endpoint));
          HttpResponse<Buffer> response = send(HttpMethod.valueOf(endpoint.method()), path + "?destinaton=soc");
          assertEquals(400, response.statusCode(), endpoint + ": " + response.bodyAsString());
          assertEquals(new JsonObject().put("error", "bad_request")
              .put("message", "unknown query parameter: destinaton"), response.bodyAsJsonObject(), endpoint.toString());
        }));
  }

  /** A path parameter the route takes: an integration type where it names one, else an id. */
  private static String idFor(RegisteredRoutes.Endpoint endpoint) {
    return endpoint.path().contains("{type}") ? "webhook" : ANY_ID;
  }

  @Test
  @DisplayName("A listing's paging parameters are unknown where nothing is paged")
  void pagingOnlyOnListings() {
    assertEquals("unknown query parameter: limit",
        send(HttpMethod.GET, "/api/connectors/health?limit=5").bodyAsJsonObject().getString("message"));
    assertEquals("unknown query parameter: cursor",
        send(HttpMethod.GET, "/api/v1/alerts/" + ANY_ID + "?cursor=" + ANY_ID).bodyAsJsonObject().getString("message"));
  }

  @Test
  @DisplayName("A parameter's name is said back short and printable; a bad escape in it is a 400 too")
  void hostileParameterNames() {
    JsonObject control = send(HttpMethod.GET, "/api/v1/deliveries?a%0Ab%1B=1").bodyAsJsonObject();
    assertEquals("unknown query parameter: a?b?", control.getString("message"));
    JsonObject longName = send(HttpMethod.GET, "/api/v1/alerts?" + "x".repeat(1000) + "=1").bodyAsJsonObject();
    assertEquals("unknown query parameter: " + "x".repeat(64) + "...", longName.getString("message"));
    HttpResponse<Buffer> escape = send(HttpMethod.GET, "/api/v1/inbound?x=%");
    assertEquals(400, escape.statusCode());
    assertEquals("invalid_parameter", escape.bodyAsJsonObject().getString("error"), escape.bodyAsString());
  }

  @Test
  @DisplayName("Known parameters still work, in any case the reads accept")
  void knownParameters() {
    assertEquals(200, send(HttpMethod.GET, "/api/v1/alerts?source=elastic&limit=2&cursor=" + ANY_ID).statusCode());
    assertEquals(200, send(HttpMethod.GET, "/api/v1/deliveries?Limit=2").statusCode());
    assertEquals(200, send(HttpMethod.GET, "/api/v1/inbound?status=failed&source=elastic").statusCode());
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path) {
    return gw.await(gw.client.request(method, gw.gateway.adminPort(), "127.0.0.1", path)
        .putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN).send());
  }
}
