package io.alertgate.admin;

import io.alertgate.deliver.Relay;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /api/connectors/health}: each destination with {@code healthy}, {@code degraded} or {@code unhealthy}
 * and why, from its circuit breaker and its recent attempts on this instance.
 */
final class ConnectorHealthRoutes {

  private final Relay relay;

  ConnectorHealthRoutes(Relay relay) {
    this.relay = relay;
  }

  void mount(Router router) {
    router.get("/api/connectors/health").handler(ctx -> {
      JsonArray connectors = new JsonArray();
      relay.health().forEach(health -> connectors.add(new JsonObject()
          .put("name", health.name())
          .put("type", health.type())
          .put("status", health.status().wireName())
          .put("message", health.message())));
      IntegrationConfigRoutes.send(ctx, 200, new JsonObject().put("connectors", connectors));
    });
  }
}
