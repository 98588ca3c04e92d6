package io.alertgate.admin;

import io.alertgate.alert.Timestamps;
import io.alertgate.config.DestinationConfig;
import io.alertgate.deliver.ConnectionCheck;
import io.alertgate.deliver.DestinationTypes;
import io.alertgate.deliver.Relay;
import io.alertgate.enrich.Enrichment;
import io.alertgate.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The integration registry: named destinations of any type, {@code /api/integrations} and {@code /{id}} (list,
 * create, read, update, remove) and {@code /{id}/test}. An integration is a destination under its id: the per-type
 * endpoints read and write the one whose id is the type's name, routing rules name it, and it is saved, sealed and
 * applied by every instance as those are. Those the configuration file defines are listed and readable, never
 * changed here. No answer holds a secret.
 */
final class IntegrationRegistryRoutes {

  private final Relay relay;
  private final IntegrationCatalogue catalogue;

  IntegrationRegistryRoutes(Relay relay, Supplier<List<Enrichment.ProviderHealth>> providers) {
    this.relay = relay;
    this.catalogue = new IntegrationCatalogue(providers);
  }

  void mount(Router router) {
    // Before the integrations' own paths, which would take "available" for an id.
    router.get("/api/integrations/available").handler(QueryParams.only()).handler(catalogue::list);
    router.get("/api/integrations").handler(QueryParams.paged()).handler(this::list);
    router.post("/api/integrations").handler(QueryParams.only()).handler(this::create);
    router.get("/api/integrations/:id").handler(QueryParams.only()).handler(this::read);
    router.put("/api/integrations/:id").handler(QueryParams.only()).handler(this::update);
    router.delete("/api/integrations/:id").handler(QueryParams.only("force")).handler(this::remove);
    router.get("/api/integrations/:id/test").handler(QueryParams.only()).handler(this::test);
  }

  /** In the order of their ids, the file's among the saved, a page at a time. */
  private void list(RoutingContext ctx) {
    QueryParams params = new QueryParams(ctx);
    String after = params.text("cursor");
    if (after != null && !IntegrationRequest.possibleId(after)) {
      throw new ApiError(400, "invalid_parameter", "cursor must be an integration id from an earlier page");
    }
    int limit = params.limit();
    String from = after == null ? "" : after;
    // A page of the saved ones is enough: each of the first `limit` in all is among them or among the file's.
    relay.saved().page(from, limit).onSuccess(saved -> {
      TreeMap<String, ConfiguredDestination> page = new TreeMap<>();
      saved.forEach(one -> page.put(one.config().name(), ConfiguredDestination.of(one)));
      relay.fileNames().stream().filter(name -> name.compareTo(from) > 0)
          .forEach(name -> page.put(name, ConfiguredDestination.fromFile(relay.fileConfig(name))));
      JsonArray items = new JsonArray();
      page.values().stream().limit(limit).forEach(one -> items.add(summary(one)));
      String next = items.size() == limit ? items.getJsonObject(limit - 1).getString("id") : null;
      send(ctx, 200, new JsonObject().put("integrations", items).put("next_cursor", next));
    }).onFailure(ctx::fail);
  }

  /** Saved, applied, then checked for real: 201 with whether the destination answered as it should. */
  private void create(RoutingContext ctx) {
    IntegrationRequest request = IntegrationRequest.create(JsonBodies.object(ctx));
    if (relay.fromFile(request.id())) {
      throw taken(request.id(), "a destination of the configuration file");
    }
    JsonObject settings = DestinationEdits.toSave(request.type(), request.config(), Optional.empty());
    DestinationConfig config = new DestinationConfig(request.id(), request.type(), request.enabled(), settings);
    relay.saved().create(config, request.displayName())
        .compose(created -> {
          if (!created) {
            return Future.failedFuture(taken(request.id(), "another integration"));
          }
          return relay.refresh().compose(applied -> check(config));
        })
        .onSuccess(check -> {
          ctx.response().putHeader("Location", "/api/integrations/" + request.id());
          send(ctx, 201, new JsonObject().put("id", request.id()).put("status", status(check))
              .put("message", check.message()));
        })
        .onFailure(ctx::fail);
  }

  private void read(RoutingContext ctx) {
    found(ctx).onSuccess(one -> send(ctx, 200, view(one))).onFailure(ctx::fail);
  }

  /**
   * The new configuration replaces the old; a secret sent back as {@code ********} keeps the saved one, at the saved
   * address only. A display name or {@code enabled} left out stays as it is.
   */
  private void update(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    found(ctx).compose(current -> {
      changeable(current);
      IntegrationRequest request = IntegrationRequest.update(body, current.config().name(), current.type());
      JsonObject settings = DestinationEdits.toSave(current.type(), request.config(), Optional.of(current));
      boolean enabled = request.enabled() == null ? current.config().enabled() : request.enabled();
      String displayName = request.displayName() == null ? current.displayName() : request.displayName();
      return relay.saved().update(new DestinationConfig(request.id(), request.type(), enabled, settings),
          displayName);
    }).compose(updated -> {
      if (!updated) {
        return Future.failedFuture(notFound());
      }
      return relay.refresh().compose(applied -> found(ctx));
    }).onSuccess(one -> send(ctx, 200, view(one))).onFailure(ctx::fail);
  }

  /**
   * Refused while deliveries wait for it, since no instance would ever send them; {@code ?force=true} ends them as
   * dead letters that say why.
   */
  private void remove(RoutingContext ctx) {
    boolean force = "true".equals(new QueryParams(ctx).oneOf("force", List.of("true", "false")));
    found(ctx).compose(current -> {
      // Only the file's destinations are kept from removal: one of a type this gateway lacks can still go.
      fromApi(current);
      return relay.saved().remove(current.config().name(), force);
    }).compose(removal -> {
      String id = ctx.pathParam("id");
      if (!removal.found()) {
        return Future.failedFuture(notFound());
      }
      if (!removal.removed()) {
        return Future.failedFuture(new ApiError(409, "deliveries_pending", removal.waiting() + " deliveries"
            + " still wait for " + id + " and would never be sent once it is gone: let them finish, or remove it with"
            + " ?force=true to end them as dead letters"));
      }
      return relay.refresh().map(applied -> new JsonObject().put("id", id).put("status", "removed")
          .put("deliveries_ended", removal.waiting()));
    }).onSuccess(answer -> send(ctx, 200, answer)).onFailure(ctx::fail);
  }

  /** A real connection check with the settings in use: 200 whatever it finds, as the guide's registry answers. */
  private void test(RoutingContext ctx) {
    Instant started = Instant.now();
    found(ctx).compose(this::check).onSuccess(check -> send(ctx, 200, new JsonObject()
        .put("healthy", check.ok())
        .put("health", new JsonObject()
            .put("status", status(check))
            .put("message", check.message())
            .put("status_code", check.status() == 0 ? null : check.status())
            .put("checked_at", Timestamps.format(started))
            .put("duration_ms", Instant.now().toEpochMilli() - started.toEpochMilli()))))
        .onFailure(ctx::fail);
  }

  /** Settings that cannot be used are a failed check, not a failed request: the request was right to ask. */
  private Future<ConnectionCheck> check(ConfiguredDestination destination) {
    Optional<String> problem = destination.problem();
    if (problem.isPresent()) {
      return Future.succeededFuture(new ConnectionCheck(false, 0, problem.get()));
    }
    return check(destination.config());
  }

  private Future<ConnectionCheck> check(DestinationConfig config) {
    try {
      return relay.check(config.name(), config.type(), config.settings());
    } catch (IllegalArgumentException refused) {
      return Future.succeededFuture(new ConnectionCheck(false, 0, "its settings are refused: "
          + refused.getMessage()));
    }
  }

  private Future<ConfiguredDestination> found(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!IntegrationRequest.possibleId(id)) {
      return Future.failedFuture(notFound());
    }
    return ConfiguredDestination.find(relay, id)
        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(notFound())));
  }

  private static void fromApi(ConfiguredDestination current) {
    if (current.fromFile()) {
      throw new ApiError(409, "managed_by_config", "The integration " + current.config().name() + " is defined in"
          + " the configuration file, which wins over the API: change it there");
    }
  }

  private static void changeable(ConfiguredDestination current) {
    fromApi(current);
    String id = current.config().name();
    if (DestinationTypes.named(current.type()).isEmpty()) {
      throw new ApiError(409, "type_unavailable", "The integration " + id + " is of a type this gateway does not"
          + " have (" + current.type() + "): remove it");
    }
  }

  private static JsonObject summary(ConfiguredDestination one) {
    DestinationConfig config = one.config();
    JsonObject summary = new JsonObject()
        .put("id", config.name())
        .put("integration_type", config.type())
        .put("display_name", one.displayName() == null ? config.name() : one.displayName())
        .put("enabled", config.enabled())
        .put("managed_by", one.managedBy());
    if (one.updatedAt() != null) {
      summary.put("updated_at", Timestamps.format(one.updatedAt()));
    }
    one.problem().ifPresent(problem -> summary.put("error", problem));
    return summary;
  }

  private static JsonObject view(ConfiguredDestination one) {
    return summary(one).put("config", one.shownSettings());
  }

  private static String status(ConnectionCheck check) {
    return check.ok() ? "healthy" : "unhealthy";
  }

  private static ApiError taken(String id, String byWhat) {
    return new ApiError(409, "already_exists", "The id " + id + " is taken by " + byWhat + ": give another id");
  }

  private static ApiError notFound() {
    return new ApiError(404, "not_found", "No integration of that id (GET /api/integrations lists them)");
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    IntegrationConfigRoutes.send(ctx, status, body);
  }
}
