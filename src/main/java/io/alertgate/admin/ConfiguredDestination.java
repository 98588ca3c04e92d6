package io.alertgate.admin;

import io.alertgate.config.DestinationConfig;
import io.alertgate.deliver.DestinationTypes;
import io.alertgate.deliver.Relay;
import io.alertgate.deliver.SavedDestinations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Optional;

/**
 * A destination as both integration views show it: from the configuration file (which the API cannot change) or as
 * saved through the API.
 *
 * @param updatedAt   when it was last saved; null for the file's
 * @param unreadable  why its saved secrets cannot be opened, when they cannot
 * @param displayName what the registry named it for people; null when it was never named
 */
record ConfiguredDestination(DestinationConfig config, String managedBy, Instant updatedAt, String unreadable,
                             String displayName) {

  static final String FILE = "config";
  static final String API = "api";

  /** The file's destination of that name, else the saved one: the file wins. */
  static Future<Optional<ConfiguredDestination>> find(Relay relay, String name) {
    if (relay.fromFile(name)) {
      return Future.succeededFuture(Optional.of(fromFile(relay.fileConfig(name))));
    }
    return relay.saved().named(name).map(saved -> saved.map(ConfiguredDestination::of));
  }

  static ConfiguredDestination fromFile(DestinationConfig config) {
    return new ConfiguredDestination(config, FILE, null, null, null);
  }

  static ConfiguredDestination of(SavedDestinations.Saved saved) {
    return new ConfiguredDestination(saved.config(), API, saved.updatedAt(), saved.unreadable(),
        saved.displayName());
  }

  boolean fromFile() {
    return FILE.equals(managedBy);
  }

  String type() {
    return config.type();
  }

  /** Why it is not in use as saved, if it is not: secrets that cannot be opened, or a type this gateway lacks. */
  Optional<String> problem() {
    if (unreadable != null) {
      return Optional.of(unreadable);
    }
    return DestinationTypes.named(type()).isPresent() ? Optional.empty()
        : Optional.of("its type " + type() + " is not one this gateway has");
  }

  /**
   * Its settings fit for an answer, each secret shown as redacted. A type this gateway lacks says which of its fields
   * are secret no more, so none of its settings are shown.
   */
  JsonObject shownSettings() {
    if (DestinationTypes.named(type()).isEmpty()) {
      return new JsonObject();
    }
    return SavedDestinations.secrets(type()).redact(config.settings());
  }
}
