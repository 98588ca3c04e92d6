package io.alertgate.admin;

import io.alertgate.alert.Timestamps;
import io.alertgate.config.DestinationConfig;
import io.alertgate.deliver.ConnectionCheck;
import io.alertgate.deliver.DestinationTypes;
import io.alertgate.deliver.Relay;
import io.alertgate.deliver.SavedDestinations;
import io.alertgate.deliver.SecretFields;
import io.alertgate.deliver.SettingsReader;
import io.alertgate.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Optional;

/**
 * The integrations guide's configuration endpoints, one destination a type, named after it:
 * {@code GET/POST /api/v1/integrations/{type}/config} and {@code POST /api/v1/integrations/{type}/test}. Secrets are
 * never answered (each shows as {@link SecretFields#REDACTED}), and saving an answer back unchanged keeps them. A
 * destination the configuration file defines can be read here but not changed: the file wins.
 */
final class IntegrationConfigRoutes {

  // What an answer adds beside the settings: sent back with them, they are not settings and are set aside.
  private static final List<String> VIEW_ONLY = List.of("type", "name", "configured", "managed_by", "updated_at");

  private final Relay relay;

  IntegrationConfigRoutes(Relay relay) {
    this.relay = relay;
  }

  void mount(Router router) {
    router.get("/api/v1/integrations/:type/config").handler(QueryParams.only()).handler(this::read);
    router.post("/api/v1/integrations/:type/config").handler(QueryParams.only()).handler(this::save);
    router.post("/api/v1/integrations/:type/test").handler(QueryParams.only()).handler(this::test);
    router.post("/api/v1/integrations/webhook/validate-url").handler(QueryParams.only("url"))
        .handler(this::validateUrl);
  }

  static String type(RoutingContext ctx) {
    String type = ctx.pathParam("type");
    if (!DestinationTypes.names().contains(type)) {
      throw new ApiError(404, "not_found", "No integration type '" + SettingsReader.printable(type) + "' ("
          + String.join(", ", DestinationTypes.names()) + ")");
    }
    return type;
  }

  private void read(RoutingContext ctx) {
    String type = type(ctx);
    current(type).onSuccess(found -> send(ctx, 200, view(type, found))).onFailure(ctx::fail);
  }

  /** The destination named after the type, from the file or as saved; one of another type is refused. */
  private Future<Optional<ConfiguredDestination>> current(String type) {
    return ConfiguredDestination.find(relay, type).map(current -> {
      current.filter(c -> !c.type().equals(type)).ifPresent(c -> {
        throw new ApiError(409, "type_mismatch", "The destination named " + type + " is of type " + c.type()
            + ", not " + type);
      });
      return current;
    });
  }

  private static JsonObject view(String type, Optional<ConfiguredDestination> found) {
    JsonObject view = new JsonObject().put("type", type).put("name", type);
    if (found.isEmpty()) {
      return view.put("configured", false).put("enabled", false);
    }
    ConfiguredDestination current = found.get();
    view.put("configured", true).put("managed_by", current.managedBy()).put("enabled", current.config().enabled());
    if (current.updatedAt() != null) {
      view.put("updated_at", Timestamps.format(current.updatedAt()));
    }
    if (current.unreadable() != null) {
      // Saving it again, secrets included, replaces it.
      view.put("error", current.unreadable());
    }
    return view.mergeIn(current.shownSettings());
  }

  private void save(RoutingContext ctx) {
    String type = type(ctx);
    if (relay.fromFile(type)) {
      throw new ApiError(409, "managed_by_config", "The " + type + " integration is defined in the configuration"
          + " file, which wins over the API: change it there");
    }
    JsonObject body = JsonBodies.object(ctx);
    Object enabled = body.getValue("enabled", Boolean.TRUE);
    if (!(enabled instanceof Boolean on)) {
      throw new ApiError(400, "invalid_config", "enabled must be true or false");
    }
    JsonObject incoming = settingsOf(body);
    ConfiguredDestination.find(relay, type)
        .compose(saved -> relay.saved().save(new DestinationConfig(type, type, on,
            DestinationEdits.toSave(type, incoming, saved))))
        .compose(saved -> relay.refresh())
        .compose(refreshed -> current(type))
        .onSuccess(found -> send(ctx, 200, view(type, found)))
        .onFailure(ctx::fail);
  }

  private static JsonObject settingsOf(JsonObject body) {
    JsonObject settings = body.copy();
    settings.remove("enabled");
    VIEW_ONLY.forEach(settings::remove);
    return settings;
  }

  /**
   * A real connection check. The body's fields are tried over the saved ones (the guide's test bodies carry only the
   * address and the credentials), and a redacted secret stands for the saved one.
   */
  private void test(RoutingContext ctx) {
    String type = type(ctx);
    // No body at all (a bare POST: length -1) or an empty one tests what is saved.
    JsonObject body = ctx.body().length() <= 0 ? new JsonObject() : JsonBodies.object(ctx);
    JsonObject incoming = settingsOf(body);
    current(type)
        .compose(found -> {
          JsonObject base = found.map(c -> c.config().settings()).orElseGet(() ->
              DestinationTypes.named(type).orElseThrow().checkDefaults());
          SecretFields secrets = SavedDestinations.secrets(type);
          JsonObject settings = secrets.overlay(base, incoming);
          DestinationEdits.unredacted(secrets, settings);
          return DestinationEdits.check(relay, type, type, settings);
        })
        .onSuccess(check -> answer(ctx, check))
        .onFailure(ctx::fail);
  }

  /** Whether the gateway would send to a URL now, and why not; the URL itself is not repeated. */
  private void validateUrl(RoutingContext ctx) {
    String url = new QueryParams(ctx).text("url");
    if (url == null) {
      throw new ApiError(400, "invalid_parameter", "url is required in the query");
    }
    relay.verdict(url).onSuccess(verdict -> send(ctx, 200, new JsonObject()
        .put("valid", verdict.valid())
        .put("reason", verdict.message())
        .put("code", verdict.valid() ? null : verdict.reason().wireName())
        .put("address", verdict.address() == null ? null : verdict.address().getHostAddress())
        .put("scope", verdict.scope() == null ? null : verdict.scope().wireName())
        .put("allow_listed", verdict.allowListed()))).onFailure(ctx::fail);
  }

  private static void answer(RoutingContext ctx, ConnectionCheck check) {
    if (check.ok()) {
      send(ctx, 200, new JsonObject().put("ok", true).put("status_code", check.status())
          .put("message", check.message()));
    } else {
      send(ctx, 502, new JsonObject().put("error", "connection_failed").put("message", check.message())
          .put("status_code", check.status() == 0 ? null : check.status()));
    }
  }

  static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
