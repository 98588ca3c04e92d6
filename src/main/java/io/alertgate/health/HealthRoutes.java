package io.alertgate.health;

import io.vertx.core.Vertx;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.util.function.BooleanSupplier;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready} (the database answers and the gateway is
 * not shutting down), mounted on both ports so that a load balancer and an operator see the same thing.
 */
public final class HealthRoutes {

  private static final long DATABASE_TIMEOUT_MS = 2_000;

  private final HealthCheckHandler live;
  private final HealthCheckHandler ready;

  public HealthRoutes(Vertx vertx, Pool pool, BooleanSupplier accepting) {
    live = HealthCheckHandler.createWithHealthChecks(HealthChecks.create(vertx)
        .register("event-loop", promise -> promise.complete(Status.OK())));
    ready = HealthCheckHandler.createWithHealthChecks(HealthChecks.create(vertx)
        .register("database", DATABASE_TIMEOUT_MS, promise -> pool.query("SELECT 1").execute()
            .onSuccess(rows -> promise.tryComplete(Status.OK()))
            .onFailure(failure -> promise.tryComplete(Status.KO())))
        .register("accepting", promise -> promise.complete(accepting.getAsBoolean() ? Status.OK() : Status.KO())));
  }

  public void mount(Router router) {
    router.get("/health/live").handler(live);
    router.get("/health/ready").handler(ready);
  }
}
