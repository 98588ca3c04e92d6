package io.alertgate.deliver;

import io.alertgate.config.ConfigException;
import io.alertgate.config.DestinationConfig;
import io.alertgate.config.GatewayConfig;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The enabled destinations, each with its connector: those of the configuration file, made when the relay starts
 * (a wrong one stops the start, naming it and the field), and those saved through the admin API, applied whenever
 * they change. A destination whose settings change gets a new connector; the old one is closed once the attempts
 * it may still be making are over.
 */
public final class Destinations {

  private static final Logger LOG = LoggerFactory.getLogger(Destinations.class);
  // The attempt deadline is fixed when the relay starts (it is the delivery stage's lease, and a delivery cut off by
  // a crash waits that long to be taken again): long enough for the slowest destination the file configures, or
  // for the default timeout when it configures none. A destination saved later with a longer timeout has its
  // attempts cut at the deadline.
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration WRITE_ROOM = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final TargetGuard guard;
  private final Clock clock;
  private final Duration lease;
  private volatile Map<String, Destination> enabled = Map.of();

  private Destinations(Vertx vertx, TargetGuard guard, Clock clock, Duration lease) {
    this.vertx = vertx;
    this.guard = guard;
    this.clock = clock;
    this.lease = lease;
  }

  /** The file's destinations, ready; a wrong one is a ConfigException naming it and the field. */
  public static Destinations start(Vertx vertx, GatewayConfig config) {
    return start(vertx, config.destinations().values(), new TargetGuard(vertx, config.relay().allowCidrs()));
  }

  public static Destinations start(Vertx vertx, Collection<DestinationConfig> configured, TargetGuard guard) {
    Duration slowest = Duration.ZERO;
    List<Destination> made = new ArrayList<>();
    for (DestinationConfig config : configured) {
      if (!config.enabled()) {
        continue;
      }
      try {
        Destination destination = Destination.make(vertx, config.name(), config.type(), config.settings(), guard,
            Clock.systemUTC());
        made.add(destination);
        Duration timeout = destination.settings().timeout();
        slowest = timeout.compareTo(slowest) > 0 ? timeout : slowest;
      } catch (IllegalArgumentException wrong) {
        made.forEach(destination -> destination.connector().close());
        guard.close();
        throw new ConfigException("destinations." + config.name(), wrong.getMessage());
      }
    }
    if (made.isEmpty()) {
      slowest = DEFAULT_TIMEOUT;
    }
    Destinations destinations = new Destinations(vertx, guard, Clock.systemUTC(),
        slowest.plus(WRITE_ROOM).multipliedBy(5).dividedBy(4));
    Map<String, Destination> byName = new LinkedHashMap<>();
    made.forEach(destination -> byName.put(destination.name(), destination));
    destinations.enabled = Map.copyOf(byName);
    return destinations;
  }

  /**
   * Makes these the destinations: unchanged ones keep their connectors, changed and new ones get new connectors,
   * missing and disabled ones are closed. A configuration that cannot be made is left out and reported, and the
   * others apply.
   */
  public synchronized void apply(Collection<DestinationConfig> configured, BiConsumer<String, String> wrong) {
    Map<String, Destination> before = enabled;
    Map<String, Destination> after = new LinkedHashMap<>();
    for (DestinationConfig config : configured) {
      if (!config.enabled()) {
        continue;
      }
      Destination kept = before.get(config.name());
      if (kept != null && kept.type().equals(config.type()) && kept.source().equals(config.settings())) {
        after.put(config.name(), kept);
        continue;
      }
      try {
        after.put(config.name(), Destination.make(vertx, config.name(), config.type(), config.settings(), guard,
            clock));
      } catch (IllegalArgumentException refused) {
        wrong.accept(config.name(), refused.getMessage());
      }
    }
    enabled = Map.copyOf(after);
    before.values().stream().filter(old -> after.get(old.name()) != old).forEach(this::retire);
  }

  private void retire(Destination old) {
    // Attempts already under way on its connections (or waiting for one) finish first: they end by the attempt
    // deadline.
    vertx.setTimer(attemptDeadline().plusSeconds(1).toMillis(), timer -> old.connector().close()
        .onFailure(failure -> LOG.debug("Closing the connector of {}: {}", old.name(), failure.toString())));
  }

  /** The enabled destinations' names. */
  public List<String> names() {
    return List.copyOf(enabled.keySet());
  }

  public Optional<Destination> destination(String name) {
    return Optional.ofNullable(enabled.get(name));
  }

  public Optional<Connector> connector(String name) {
    return destination(name).map(Destination::connector);
  }

  /** Long enough for the slowest file destination's attempt, with room to write its outcome after it. */
  public Duration lease() {
    return lease;
  }

  /** How long an attempt may run before its outcome must be written. */
  public Duration attemptDeadline() {
    return lease.multipliedBy(4).dividedBy(5);
  }

  public TargetGuard guard() {
    return guard;
  }

  public Future<Void> close() {
    List<Future<Void>> closed = new ArrayList<>(enabled.values().stream()
        .map(destination -> destination.connector().close()).toList());
    enabled = Map.of();
    closed.add(guard.close());
    return Future.join(closed).mapEmpty();
  }
}
