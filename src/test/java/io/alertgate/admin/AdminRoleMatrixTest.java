package io.alertgate.admin;

import io.alertgate.http.RegisteredRoutes;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route the admin port serves, read from its router rather than listed here, so that a route added later is
 * covered without a line in this test: each is asked without a token, with a wrong one, as a viewer and as an admin.
 * Health and metrics stay open and are left out.
 */
class AdminRoleMatrixTest {

  // Fits every path parameter the API has: an id must be a UUID, and a type that is no type is a 404, not a 401.
  private static final String PARAMETER = "00000000-0000-7000-8000-000000000000";
  /** Reads a viewer may not make: the audit tells which token did what. */
  private static final Set<String> ADMIN_ONLY_READS = Set.of("/api/v1/audit");
  private static final Set<HttpMethod> PROBED_WITHOUT_METHODS = Set.of(HttpMethod.GET, HttpMethod.POST);

  private static RunningGateway gw;

  /** One request line the router answers. */
  record Probe(HttpMethod method, String route) {

    String path() {
      return route.replaceAll("\\{[A-Za-z0-9_]+}", PARAMETER);
    }

    boolean adminOnly() {
      return !Access.isRead(method) || ADMIN_ONLY_READS.contains(route);
    }

    @Override
    public String toString() {
      return method.name() + " " + route;
    }
  }

  @BeforeAll
  static void start() {
    TestDatabase.truncate();
    gw = RunningGateway.start(RoleTokens.config());
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  @DisplayName("The routes are read from the router: the known ones are among them, health and metrics are not")
  void routesComeFromTheRouter() {
    List<String> probes = probes().stream().map(Probe::toString).toList();
    for (String known : List.of("GET /api/v1/alerts", "GET /api/v1/alerts/{id}", "POST /api/v1/deliveries/{id}/replay",
        "POST /api/v1/inbound/{id}/reprocess", "GET /api/v1/audit", "GET /api/connectors/health")) {
      assertTrue(probes.contains(known), known + " is not among " + probes);
    }
    assertTrue(probes.stream().noneMatch(probe -> probe.contains("/health/") || probe.contains("/metrics")), probes
        .toString());
  }

  @TestFactory
  @DisplayName("Every API route: 401 without a token or with a wrong one; a viewer reads, an admin does everything")
  Stream<DynamicTest> everyRoute() {
    return probes().stream().map(probe -> DynamicTest.dynamicTest(probe.toString(), () -> check(probe)));
  }

  private static void check(Probe probe) {
    HttpResponse<Buffer> none = send(probe, null);
    assertRefused(probe, "no token", none, 401, "unauthorized");
    assertEquals("Bearer", none.getHeader("WWW-Authenticate"), probe + ": WWW-Authenticate");
    assertRefused(probe, "a wrong token", send(probe, TestConfigs.ADMIN_TOKEN + "-wrong"), 401, "unauthorized");
    HttpResponse<Buffer> viewer = send(probe, RoleTokens.VIEWER);
    if (probe.adminOnly()) {
      assertRefused(probe, "the viewer", viewer, 403, "forbidden");
    } else {
      assertAllowed(probe, "the viewer", viewer);
    }
    assertAllowed(probe, "an admin", send(probe, TestConfigs.ADMIN_TOKEN));
  }

  private static void assertRefused(Probe probe, String who, HttpResponse<Buffer> response, int status, String code) {
    assertEquals(status, response.statusCode(), probe + " by " + who + ": " + response.bodyAsString());
    assertEquals(code, response.bodyAsJsonObject().getString("error"), probe + " by " + who);
  }

  private static void assertAllowed(Probe probe, String who, HttpResponse<Buffer> response) {
    assertFalse(response.statusCode() == 401 || response.statusCode() == 403,
        probe + " by " + who + " was refused: " + response.statusCode() + " " + response.bodyAsString());
  }

  private static HttpResponse<Buffer> send(Probe probe, String token) {
    return gw.await(RoleTokens.request(gw, probe.method(), probe.path(), token).send());
  }

  /** Every method and path of the admin router and the routers mounted on it, below /api/. */
  private static List<Probe> probes() {
    List<Probe> probes = new ArrayList<>();
    for (RegisteredRoutes.Endpoint endpoint : RegisteredRoutes.of(gw.gateway.adminRouter())) {
      if (endpoint.path().equals(RegisteredRoutes.REGEX_PATH)) {
        throw new AssertionError("A route by regular expression cannot be probed: give it a path");
      }
      if (!endpoint.path().startsWith("/api/")) {
        continue;
      }
      Set<HttpMethod> methods = endpoint.method().equals(RegisteredRoutes.ANY_METHOD) ? PROBED_WITHOUT_METHODS
          : Set.of(HttpMethod.valueOf(endpoint.method()));
      methods.forEach(method -> probes.add(new Probe(method, endpoint.path())));
    }
    return probes;
  }
}
