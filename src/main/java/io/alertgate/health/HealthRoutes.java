package io.alertgate.health;

import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * {@code /health/live} (the process answers and its database is not given up for lost) and {@code /health/ready}
 * (the database answered its last check and the gateway is not shutting down), mounted on both ports so that a load
 * balancer and an operator see the same.
 */
public final class HealthRoutes {

  private final HealthCheckHandler live;
  private final HealthCheckHandler ready;

  public HealthRoutes(Vertx vertx, GatewayHealth health) {
    live = HealthCheckHandler.createWithHealthChecks(HealthChecks.create(vertx)
        .register("event-loop", promise -> promise.complete(Status.OK()))
        .register("database-recoverable",
            promise -> promise.complete(health.recoverable() ? Status.OK() : Status.KO())));
    ready = HealthCheckHandler.createWithHealthChecks(HealthChecks.create(vertx)
        .register("database", promise -> promise.complete(health.databaseUp() ? Status.OK() : Status.KO()))
        .register("accepting", promise -> promise.complete(health.accepting() ? Status.OK() : Status.KO())));
  }

  public void mount(Router router) {
    router.get("/health/live").handler(live);
    router.get("/health/ready").handler(ready);
  }
}
