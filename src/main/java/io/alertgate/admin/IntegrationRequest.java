package io.alertgate.admin;

import io.alertgate.config.DestinationSettings;
import io.alertgate.deliver.DestinationTypes;
import io.alertgate.deliver.SettingsReader;
import io.alertgate.http.ApiError;
import io.vertx.core.json.JsonObject;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The integration registry's request body, the integrations guide's {@code {"integration_type", "display_name",
 * "config"}} with an optional {@code id} and {@code enabled}. A field it does not have is refused by name, so a
 * misspelt {@code confg} cannot save an integration with no settings; no value is ever repeated in a refusal.
 *
 * @param id          the destination's name, which routing rules and deliveries use; when not given, made from the
 *                    display name on create
 * @param displayName null when an update leaves it as it is
 * @param enabled     null when an update leaves it as it is
 */
record IntegrationRequest(String id, String type, String displayName, Boolean enabled, JsonObject config) {

  static final int MAX_DISPLAY_NAME = 200;
  private static final List<String> FIELDS = List.of("id", "integration_type", "display_name", "enabled", "config");
  // What a registry answer adds beside them: an answer sent back as it is, edited, is a valid update.
  private static final List<String> VIEW_ONLY = List.of("managed_by", "updated_at", "error");
  /** Taken by the registry's own paths: {@code GET /api/integrations/available} would hide one so named. */
  private static final List<String> RESERVED = List.of("available");

  /** A new integration: its type, display name and settings are required; its id is given or made. */
  static IntegrationRequest create(JsonObject body) {
    knownFields(body);
    String type = type(body.getValue("integration_type"));
    String displayName = JsonBodies.text(body, "display_name", MAX_DISPLAY_NAME);
    String id = body.getValue("id") == null ? slug(displayName) : id(body.getValue("id"));
    ownId(id, type);
    return new IntegrationRequest(id, type, displayName, enabled(body, Boolean.TRUE), config(body));
  }

  /** A new configuration of an integration of this id and type; a type or an id that differs is refused. */
  static IntegrationRequest update(JsonObject body, String id, String type) {
    knownFields(body);
    if (body.getValue("integration_type") != null && !type.equals(body.getValue("integration_type"))) {
      throw invalid("integration_type cannot change (it is " + type + "): remove the integration and create it"
          + " again");
    }
    if (body.getValue("id") != null && !id.equals(body.getValue("id"))) {
      throw invalid("id cannot change: remove the integration and create it again");
    }
    String displayName = body.getValue("display_name") == null ? null
        : JsonBodies.text(body, "display_name", MAX_DISPLAY_NAME);
    return new IntegrationRequest(id, type, displayName, enabled(body, null), config(body));
  }

  /**
   * An id made of a display name: letters without their accents, in lower case, every run of anything else one
   * dash ("Équipe SOC (prod)" is {@code equipe-soc-prod}).
   */
  static String slug(String displayName) {
    String plain = Normalizer.normalize(displayName, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    String slug = trimDashes(plain.length() > 63 ? plain.substring(0, 63) : plain);
    if (slug.isEmpty()) {
      throw invalid("display_name has no latin letter or digit to make an id of: give an id");
    }
    return slug;
  }

  /** Whether a path's id could name an integration at all: anything else is one that does not exist. */
  static boolean possibleId(String id) {
    return id != null && DestinationSettings.validName(id);
  }

  private static String trimDashes(String text) {
    return text.replaceAll("^-+|-+$", "");
  }

  private static void knownFields(JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field) && !VIEW_ONLY.contains(field)) {
        throw invalid("'" + SettingsReader.printable(field) + "' is not a field of an integration ("
            + String.join(", ", new TreeSet<>(FIELDS)) + ")");
      }
    }
  }

  private static String type(Object value) {
    if (!(value instanceof String type) || !DestinationTypes.names().contains(type)) {
      throw invalid("integration_type is required: one of " + String.join(", ", DestinationTypes.names())
          + " (GET /api/integrations/available)");
    }
    return type;
  }

  private static String id(Object value) {
    if (!(value instanceof String id) || !possibleId(id)) {
      throw invalid("id must be 1 to 63 lower-case letters, digits, - and _, starting with a letter or digit");
    }
    return id;
  }

  /**
   * The per-type endpoints act on the integration named after the type: one of another type under that name would
   * answer them with a type mismatch.
   */
  private static void ownId(String id, String type) {
    if (DestinationTypes.names().contains(id) && !id.equals(type)) {
      throw invalid("the id " + id + " is kept for the " + id + " integration of /api/v1/integrations/" + id
          + ": give another id");
    }
    if (RESERVED.contains(id)) {
      throw invalid("the id " + id + " is kept for the registry's own path: give another id");
    }
  }

  private static Boolean enabled(JsonObject body, Boolean byDefault) {
    Object enabled = body.getValue("enabled", byDefault);
    if (enabled != null && !(enabled instanceof Boolean)) {
      throw invalid("enabled must be true or false");
    }
    return (Boolean) enabled;
  }

  private static JsonObject config(JsonObject body) {
    return JsonBodies.object(body, "config", true);
  }

  private static ApiError invalid(String message) {
    return new ApiError(400, "invalid_request", message);
  }
}
