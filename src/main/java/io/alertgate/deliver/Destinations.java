package io.alertgate.deliver;

import io.alertgate.config.ConfigException;
import io.alertgate.config.DestinationConfig;
import io.alertgate.config.GatewayConfig;
import io.alertgate.deliver.webhook.WebhookConfig;
import io.alertgate.deliver.webhook.WebhookConnector;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The enabled destinations, each with its connector, made from the configuration when the relay starts. A
 * destination whose settings are wrong stops the start with a message naming it and the field. One registry line a
 * destination type.
 */
public final class Destinations {

  private final Map<String, Connector> connectors;
  private final Duration slowest;

  private Destinations(Map<String, Connector> connectors, Duration slowest) {
    this.connectors = connectors;
    this.slowest = slowest;
  }

  public static Destinations connect(Vertx vertx, GatewayConfig config) {
    TargetGuard guard = new TargetGuard(vertx, config.relay().allowCidrs());
    Map<String, Connector> connectors = new LinkedHashMap<>();
    Duration slowest = Duration.ZERO;
    for (DestinationConfig destination : config.destinations().values()) {
      if (!destination.enabled()) {
        continue;
      }
      try {
        // The registry: a type and how its connector is made.
        WebhookConfig webhook = switch (destination.type()) {
          case "webhook" -> WebhookConfig.fromJson(destination.settings());
          default -> throw new IllegalArgumentException("type " + destination.type() + " is not available");
        };
        connectors.put(destination.name(), new WebhookConnector(vertx, webhook, guard, Clock.systemUTC()));
        Duration timeout = Duration.ofSeconds(webhook.timeoutSeconds());
        slowest = timeout.compareTo(slowest) > 0 ? timeout : slowest;
      } catch (IllegalArgumentException wrong) {
        throw new ConfigException("destinations." + destination.name(), wrong.getMessage());
      }
    }
    return new Destinations(Collections.unmodifiableMap(connectors), slowest);
  }

  public boolean isEmpty() {
    return connectors.isEmpty();
  }

  /** The enabled destinations' names, in the order they are configured. */
  public List<String> names() {
    return List.copyOf(connectors.keySet());
  }

  public Optional<Connector> connector(String name) {
    return Optional.ofNullable(connectors.get(name));
  }

  /** Long enough for the slowest destination's attempt, with room to write its outcome after it. */
  public Duration lease() {
    return slowest.plusSeconds(10).multipliedBy(5).dividedBy(4);
  }

  public Future<Void> close() {
    return Future.join(connectors.values().stream()
        .filter(WebhookConnector.class::isInstance)
        .map(connector -> ((WebhookConnector) connector).close())
        .toList()).mapEmpty();
  }
}
