package io.alertgate.deliver;

import io.alertgate.net.TargetGuard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.OptionalInt;

/**
 * A destination ready to deliver to: its name and type, its checked settings and its connector.
 *
 * @param source the settings as written, to tell whether a new configuration changes anything
 */
public record Destination(String name, String type, ConnectorSettings settings, Connector connector,
                          JsonObject source) {

  /**
   * Checks the settings and makes the connector; a wrong field is an IllegalArgumentException naming it.
   */
  public static Destination make(Vertx vertx, String name, String typeName, JsonObject settings, TargetGuard guard,
                                 Clock clock) {
    DestinationType<?> type = DestinationTypes.named(typeName)
        .orElseThrow(() -> new IllegalArgumentException("type " + typeName + " is not available ("
            + String.join(", ", DestinationTypes.names()) + ")"));
    return make(vertx, name, type, settings, guard, clock);
  }

  private static <S extends ConnectorSettings> Destination make(Vertx vertx, String name, DestinationType<S> type,
                                                                  JsonObject settings, TargetGuard guard,
                                                                  Clock clock) {
    S parsed = type.parse(settings);
    return new Destination(name, type.name(), parsed, type.connect(vertx, parsed, guard, clock), settings.copy());
  }

  /** Attempts in all this destination allows, when it bounds them itself. */
  public OptionalInt maxAttempts() {
    OptionalInt retries = settings.retryCount();
    return retries.isPresent() ? OptionalInt.of(retries.getAsInt() + 1) : OptionalInt.empty();
  }

  @Override
  public String toString() {
    return "Destination[" + name + ", " + type + "]";
  }
}
