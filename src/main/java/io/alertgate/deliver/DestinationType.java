package io.alertgate.deliver;

import io.alertgate.net.TargetGuard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.List;

/**
 * A kind of destination: the fields its settings have, which of them are secret, and how its connector is made.
 *
 * @param <S> its checked settings
 */
public interface DestinationType<S extends ConnectorSettings> {

  /** The name configurations use: {@code jira}, {@code pagerduty}, {@code stackstorm}, {@code webhook}. */
  String name();

  /** Every field its settings may have: any other is refused, so a misspelt one cannot pass unnoticed. */
  List<String> fields();

  /**
   * The fields that hold secrets: encrypted at rest, never answered. A field whose value is an object (a webhook's
   * headers) has each of its values secret.
   */
  List<String> secretFields();

  /**
   * Address fields that may carry a secret in their path or query (a chat webhook's token): sealed at rest, and
   * answered as scheme, host and port only.
   */
  default List<String> maskedAddressFields() {
    return List.of();
  }

  /** What the integration registry says of the type: what it is for, what it does, and its fields. */
  TypeDescription describe();

  /** Checks the settings; a wrong field is an IllegalArgumentException whose message names it and no secret. */
  S parse(JsonObject settings);

  /**
   * What a connection check assumes for the fields it does not need when nothing is saved yet: the guide's test
   * bodies carry only an address and credentials.
   */
  default JsonObject checkDefaults() {
    return new JsonObject();
  }

  Connector connect(Vertx vertx, S settings, TargetGuard guard, Clock clock);
}
