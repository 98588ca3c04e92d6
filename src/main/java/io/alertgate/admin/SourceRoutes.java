package io.alertgate.admin;

import io.alertgate.config.AuthConfig;
import io.alertgate.config.SourceConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/sources}: each configured source with its vendor, how its senders authenticate and where they
 * post. Whether it has a secret is said, and how many are active (two during a rotation); no secret, token or part
 * of one ever is.
 */
final class SourceRoutes {

  private final List<SourceConfig> sources;
  private final Set<String> generated;

  /** @param generated the sources whose secret the gateway generated on its first start */
  SourceRoutes(Collection<SourceConfig> sources, Set<String> generated) {
    this.sources = List.copyOf(sources);
    this.generated = Set.copyOf(generated);
  }

  void mount(Router router) {
    router.get("/api/v1/sources").handler(QueryParams.only()).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    JsonArray listed = new JsonArray();
    sources.forEach(source -> listed.add(toJson(source)));
    ctx.response().putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("sources", listed).encode());
  }

  private JsonObject toJson(SourceConfig source) {
    AuthConfig auth = source.auth();
    return new JsonObject()
        .put("name", source.name())
        .put("vendor", source.vendor().configName())
        .put("auth", auth.scheme().configName())
        .put("has_secret", auth.hasCredentials())
        .put("active_secrets", auth.secrets().size() + auth.tokens().size())
        .put("secret_generated", generated.contains(source.name()))
        .put("webhook_path", "/api/v1/webhooks/" + source.name())
        .put("enabled", auth.acceptsSenders());
  }
}
