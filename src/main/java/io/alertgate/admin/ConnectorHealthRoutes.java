package io.alertgate.admin;

import io.alertgate.deliver.Relay;
import io.alertgate.enrich.Enrichment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/connectors/health}: each destination with {@code healthy}, {@code degraded} or {@code unhealthy}
 * and why, from its circuit breaker and its recent attempts on this instance; and each enrichment provider, from its
 * key and its breaker.
 */
final class ConnectorHealthRoutes {

  private final Relay relay;
  private final Supplier<List<Enrichment.ProviderHealth>> providers;

  ConnectorHealthRoutes(Relay relay, Supplier<List<Enrichment.ProviderHealth>> providers) {
    this.relay = relay;
    this.providers = providers;
  }

  void mount(Router router) {
    router.get("/api/connectors/health").handler(QueryParams.only()).handler(ctx -> {
      JsonArray connectors = new JsonArray();
      relay.health().forEach(health -> connectors.add(new JsonObject()
          .put("name", health.name())
          .put("type", health.type())
          .put("status", health.status().wireName())
          .put("message", health.message())));
      providers.get().forEach(provider -> connectors.add(new JsonObject()
          .put("name", provider.name())
          .put("type", "enrichment")
          .put("status", provider.status())
          .put("message", provider.message())));
      IntegrationConfigRoutes.send(ctx, 200, new JsonObject().put("connectors", connectors));
    });
  }
}
