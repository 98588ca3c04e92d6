package io.alertgate.admin;

import io.alertgate.health.GatewayHealth;
import io.alertgate.health.HealthRoutes;

import io.alertgate.http.ErrorResponses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The admin port. It serves health for now; the admin REST API mounts here. */
public final class AdminVerticle extends VerticleBase {

  private final int port;
  private final GatewayHealth health;
  private final AtomicInteger boundPort;
  private HttpServer server;

  public AdminVerticle(int port, GatewayHealth health, AtomicInteger boundPort) {
    this.port = port;
    this.health = health;
    this.boundPort = boundPort;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    new HealthRoutes(vertx, health).mount(router);
    ErrorResponses.install(router);
    server = vertx.createHttpServer(new HttpServerOptions().setPort(port));
    return server.requestHandler(router).listen().onSuccess(bound -> boundPort.set(bound.actualPort()));
  }

  @Override
  public Future<?> stop() {
    return server.shutdown(5, TimeUnit.SECONDS);
  }
}
