package io.alertgate.http;

import io.alertgate.http.RegisteredRoutes.Endpoint;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a router serves, as an API description would list it, without the handlers that only wrap requests. */
@ExtendWith(VertxExtension.class)
class RegisteredRoutesTest {

  @Test
  @DisplayName("Methods and paths, parameters as {name}; prefix handlers and the failure handler are left out")
  void endpointsOnly(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route("/api/*").handler(ctx -> ctx.next());
    router.route().handler(BodyHandler.create());
    router.get("/api/v1/alerts").handler(ctx -> ctx.end());
    router.get("/api/v1/alerts/:id").handler(ctx -> ctx.end());
    router.post("/api/v1/inbound/:id/reprocess").handler(ctx -> ctx.end());
    router.route("/api/v1/twice").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> ctx.end());
    router.route().failureHandler(ctx -> ctx.end());

    assertEquals(List.of(new Endpoint("GET", "/api/v1/alerts"), new Endpoint("GET", "/api/v1/alerts/{id}"),
        new Endpoint("POST", "/api/v1/inbound/{id}/reprocess"), new Endpoint("GET", "/api/v1/twice"),
        new Endpoint("HEAD", "/api/v1/twice")), RegisteredRoutes.of(router));
  }

  @Test
  @DisplayName("A route for every method on one path is listed, to be noticed: no description can name it")
  void anyMethodOnOnePath(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route("/everything").handler(ctx -> ctx.end());

    assertEquals(List.of(new Endpoint(RegisteredRoutes.ANY_METHOD, "/everything")), RegisteredRoutes.of(router));
  }

  @Test
  @DisplayName("A mounted router's endpoints are listed under its mount point; a regex endpoint is marked as one")
  void subRoutersAndPatterns(Vertx vertx) {
    Router inner = Router.router(vertx);
    inner.get("/roles/:role").handler(ctx -> ctx.end());
    Router router = Router.router(vertx);
    router.route("/api/v2/*").subRouter(inner);
    router.getWithRegex("/files/.*").handler(ctx -> ctx.end());
    router.routeWithRegex("/static/.*").handler(ctx -> ctx.next());

    assertEquals(List.of(new Endpoint("GET", "/api/v2/roles/{role}"), new Endpoint("GET", RegisteredRoutes.REGEX_PATH)),
        RegisteredRoutes.of(router));
  }
}
