package io.alertgate.admin;

import io.alertgate.deliver.ConnectionCheck;
import io.alertgate.deliver.DestinationTypes;
import io.alertgate.deliver.Relay;
import io.alertgate.deliver.SavedDestinations;
import io.alertgate.deliver.SecretFields;
import io.alertgate.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * What both integration views do with settings an operator sends: a secret sent back as an answer showed it keeps the
 * saved one (at the saved address only), and the settings are checked by the type's own parse, a wrong one refused
 * with 400 naming the field, never a value.
 */
final class DestinationEdits {

  private DestinationEdits() {
  }

  /** The settings to save: the incoming ones, with the secrets they left redacted taken from what is saved. */
  static JsonObject toSave(String type, JsonObject incoming, Optional<ConfiguredDestination> before) {
    SecretFields secrets = SavedDestinations.secrets(type);
    JsonObject settings = before.filter(saved -> saved.unreadable() == null && saved.type().equals(type))
        .map(saved -> secrets.keepUnchanged(incoming, saved.config().settings())).orElse(incoming);
    unredacted(secrets, settings);
    checked(type, settings);
    return settings;
  }

  /** A secret still shown as redacted has nothing saved to stand for (none is, or the address changed). */
  static void unredacted(SecretFields secrets, JsonObject settings) {
    if (secrets.anyRedacted(settings)) {
      throw new ApiError(400, "invalid_config", "A secret is " + SecretFields.REDACTED + " but none is saved for this"
          + " address: saved secrets go only to the saved address, so give them again with a new one");
    }
  }

  private static void checked(String type, JsonObject settings) {
    try {
      DestinationTypes.named(type).orElseThrow().parse(settings);
    } catch (IllegalArgumentException wrong) {
      throw new ApiError(400, "invalid_config", wrong.getMessage());
    }
  }

  /** A real connection check with these settings; wrong ones are a failed future of a 400 naming the field. */
  static Future<ConnectionCheck> check(Relay relay, String name, String type, JsonObject settings) {
    try {
      return relay.check(name, type, settings);
    } catch (IllegalArgumentException wrong) {
      return Future.failedFuture(new ApiError(400, "invalid_config", wrong.getMessage()));
    }
  }
}
