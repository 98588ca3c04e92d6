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
import java.util.ArrayList;
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
  private final TargetGuard guard;

  private Destinations(Map<String, Connector> connectors, Duration slowest, TargetGuard guard) {
    this.connectors = connectors;
    this.slowest = slowest;
    this.guard = guard;
  }

  public static Destinations connect(Vertx vertx, GatewayConfig config) {
    if (config.destinations().values().stream().noneMatch(DestinationConfig::enabled)) {
      return new Destinations(Map.of(), Duration.ZERO, null);
    }
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
        new Destinations(connectors, slowest, guard).close();
        throw new ConfigException("destinations." + destination.name(), wrong.getMessage());
      }
    }
    return new Destinations(Collections.unmodifiableMap(connectors), slowest, guard);
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
    List<Future<Void>> closed = new ArrayList<>(connectors.values().stream()
        .filter(WebhookConnector.class::isInstance)
        .map(connector -> ((WebhookConnector) connector).close())
        .toList());
    if (guard != null) {
      closed.add(guard.close());
    }
    return Future.join(closed).mapEmpty();
  }
}
