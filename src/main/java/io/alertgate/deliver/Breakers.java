package io.alertgate.deliver;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A circuit breaker a destination, made at its first attempt and kept for as long as the gateway runs, so a
 * destination reconfigured while failing stays open until a probe gets through. Each breaker's state is a gauge,
 * {@code alertgate_breaker_state{destination}}: 0 closed, 1 half-open, 2 open.
 */
public final class Breakers {

  private final Vertx vertx;
  private final Duration openFor;
  private final MeterRegistry registry;
  private final Map<String, DestinationBreaker> breakers = new ConcurrentHashMap<>();

  public Breakers(Vertx vertx, Duration openFor, MeterRegistry registry) {
    this.vertx = vertx;
    this.openFor = openFor;
    this.registry = registry;
  }

  public DestinationBreaker of(String destination) {
    return breakers.computeIfAbsent(destination, name -> {
      DestinationBreaker breaker = new DestinationBreaker(vertx, name, openFor, Clock.systemUTC());
      Gauge.builder("alertgate.breaker.state", breaker, b -> level(b.state()))
          .description("A destination's circuit breaker: 0 closed, 1 half-open, 2 open")
          .tag("destination", name)
          .register(registry);
      return breaker;
    });
  }

  private static double level(CircuitBreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }

  public void close() {
    breakers.values().forEach(DestinationBreaker::close);
  }
}
