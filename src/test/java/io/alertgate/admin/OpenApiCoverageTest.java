package io.alertgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertgate.http.RegisteredRoutes;
import io.alertgate.http.RegisteredRoutes.Endpoint;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestConfigs;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI description and the server agree: every route either port registers is described, on that port, and
 * every operation described is registered. Adding a route means describing it in
 * {@code src/main/resources/openapi/alertgate.yaml}; this test names what is missing on either side.
 */
class OpenApiCoverageTest {

  private static RunningGateway gw;
  private static ApiDescription description;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start(TestConfigs.config());
    description = ApiDescription.load(gw.vertx);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  @DisplayName("Every route of the admin port is described on it, and every operation described there is a route")
  void adminRoutesAreDescribed() {
    assertSameEndpoints("admin", gw.gateway.adminRouter(), ApiDescription.ADMIN_PORT);
  }

  @Test
  @DisplayName("Every route of the ingest port is described on it, and every operation described there is a route")
  void ingestRoutesAreDescribed() {
    assertSameEndpoints("ingest", gw.gateway.ingestRouter(), ApiDescription.INGEST_PORT);
  }

  private static void assertSameEndpoints(String port, Router router, String documentedPort) {
    List<Endpoint> served = RegisteredRoutes.of(router);
    List<Endpoint> documented = description.endpoints(documentedPort);
    List<Endpoint> undocumented = served.stream().filter(endpoint -> !documented.contains(endpoint)).toList();
    List<Endpoint> unserved = documented.stream().filter(endpoint -> !served.contains(endpoint)).toList();
    assertTrue(undocumented.isEmpty() && unserved.isEmpty(), () -> "The " + port + " port and"
        + " src/main/resources/openapi/alertgate.yaml disagree.\n  Registered but not described: " + undocumented
        + "\n  Described but not registered: " + unserved);
  }

  @Test
  @DisplayName("The description is OpenAPI 3.1, every operation has responses, and every $ref points at something")
  void wellFormed() {
    assertTrue(description.document.getString("openapi", "").startsWith("3.1."), "not OpenAPI 3.1");
    List<String> withoutResponses = new ArrayList<>();
    for (String path : description.paths().fieldNames()) {
      JsonObject item = description.paths().getJsonObject(path);
      ApiDescription.METHODS.stream().filter(item::containsKey)
          .filter(method -> item.getJsonObject(method).getJsonObject("responses", new JsonObject()).isEmpty())
          .forEach(method -> withoutResponses.add(method + " " + path));
    }
    assertEquals(List.of(), withoutResponses, "operations without responses");
    assertEquals(List.of(), description.danglingReferences(), "references to nothing");
  }

  @Test
  @DisplayName("The Alert component is the project's schema/alert.schema.json, as it is")
  void alertSchemaIsTheProjectsOwn() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode schema;
    try (InputStream in = getClass().getResourceAsStream("/schema/alert.schema.json")) {
      schema = json.readTree(in);
    }
    JsonObject component = description.document.getJsonObject("components").getJsonObject("schemas")
        .getJsonObject("Alert");
    assertEquals(schema, json.readTree(component.encode()));
  }

  @Test
  @DisplayName("GET /api/v1/openapi.yaml serves the description as application/yaml, to the admin token only")
  void served() {
    HttpResponse<Buffer> anonymous = gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1",
        "/api/v1/openapi.yaml").send());
    assertEquals(401, anonymous.statusCode());
    for (int i = 0; i < 2; i++) {
      HttpResponse<Buffer> answer = gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1",
          "/api/v1/openapi.yaml").bearerTokenAuthentication(TestConfigs.ADMIN_TOKEN).send());
      assertEquals(200, answer.statusCode());
      assertEquals("application/yaml", answer.getHeader("Content-Type"));
      assertArrayEquals(description.bytes, answer.body().getBytes(), "the same bytes, however often it is asked");
    }
  }
}
