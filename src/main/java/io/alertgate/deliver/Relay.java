package io.alertgate.deliver;

import io.alertgate.config.DestinationConfig;
import io.alertgate.logging.OutageLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relay's destinations as they change while it runs: those of the configuration file, which the admin API cannot
 * change, and those saved through the admin API, which every instance reads again when their version moves (checked
 * every {@value #WATCH_MS} ms, and at once on the instance that saved). Also what an operator asks of them: their
 * health, and a connection check.
 */
public final class Relay {

  private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
  static final long WATCH_MS = 2_000;

  private final Vertx vertx;
  private final Destinations destinations;
  private final Breakers breakers;
  private final SavedDestinations saved;
  private final Map<String, DestinationConfig> fromFile;
  // Saved destinations whose settings the gateway refused, and why: shown by health, logged once each.
  private final Map<String, String> refused = new ConcurrentHashMap<>();
  private volatile String seenVersion = "";
  // One refresh at a time: a slow read applied after a newer one would bring an old configuration back.
  private Future<Void> refreshing = Future.succeededFuture();
  private final OutageLog readFailures = new OutageLog(LOG, "Reading the saved destinations");
  private long watch = -1;

  public Relay(Vertx vertx, Destinations destinations, Breakers breakers, SavedDestinations saved,
               Map<String, DestinationConfig> fromFile) {
    this.vertx = vertx;
    this.destinations = destinations;
    this.breakers = breakers;
    this.saved = saved;
    this.fromFile = Map.copyOf(fromFile);
  }

  /** Reads the saved destinations once, then watches them. */
  public Future<Void> start() {
    return refresh().onSuccess(v -> watch = vertx.setPeriodic(WATCH_MS, tick -> refresh()
        // Not every two seconds while the database is away; those in use stay as they were meanwhile.
        .onSuccess(read -> readFailures.worked())
        .onFailure(readFailures::failed)));
  }

  public void stop() {
    vertx.cancelTimer(watch);
  }

  public Destinations destinations() {
    return destinations;
  }

  public SavedDestinations saved() {
    return saved;
  }

  /** Whether the configuration file defines this destination: then the admin API may read it but not change it. */
  public boolean fromFile(String name) {
    return fromFile.containsKey(name);
  }

  public DestinationConfig fileConfig(String name) {
    return fromFile.get(name);
  }

  /** The names of the destinations the configuration file defines. */
  public Set<String> fileNames() {
    return fromFile.keySet();
  }

  /** Applies the saved destinations if they changed since last read, after any refresh already under way. */
  public synchronized Future<Void> refresh() {
    refreshing = refreshing.transform(previous -> readAndApply());
    return refreshing;
  }

  private Future<Void> readAndApply() {
    return saved.version().compose(version -> {
      if (version.equals(seenVersion)) {
        return Future.succeededFuture();
      }
      return saved.all().map(all -> {
        apply(all);
        seenVersion = version;
        return null;
      });
    });
  }

  private void apply(List<SavedDestinations.Saved> all) {
    Map<String, DestinationConfig> merged = new LinkedHashMap<>(fromFile);
    Map<String, String> wrong = new LinkedHashMap<>();
    // The file wins: a name it defines cannot be saved through the API, so this only matters for rows saved before
    // the file took the name over.
    for (SavedDestinations.Saved saved : all) {
      if (saved.unreadable() != null && !fromFile.containsKey(saved.config().name())) {
        wrong.put(saved.config().name(), saved.unreadable());
      } else {
        merged.putIfAbsent(saved.config().name(), saved.config());
      }
    }
    destinations.apply(merged.values(), wrong::put);
    wrong.forEach((name, reason) -> {
      if (!reason.equals(refused.put(name, reason))) {
        LOG.warn("Destination {} was not started: {}", name, reason);
      }
    });
    refused.keySet().retainAll(wrong.keySet());
  }

  /** Every enabled destination's health, and the saved ones that could not be started. */
  public List<ConnectorHealth> health() {
    List<ConnectorHealth> all = new ArrayList<>();
    for (String name : destinations.names()) {
      destinations.destination(name).ifPresent(destination ->
          all.add(ConnectorHealth.of(destination, breakers.of(name))));
    }
    refused.forEach((name, reason) -> all.add(new ConnectorHealth(name, "unknown", ConnectorHealth.Status.UNHEALTHY,
        "its settings were refused: " + reason)));
    return all;
  }

  /** Whether the gateway would send to this address now, and which rule stops it when it would not. */
  public Future<UrlVerdict> verdict(String url) {
    return UrlVerdict.of(url, destinations.guard());
  }

  /**
   * A real connection check with these settings, made with a connector of its own that is closed afterwards.
   * Wrong settings are an IllegalArgumentException naming the field.
   */
  public Future<ConnectionCheck> check(String name, String type, JsonObject settings) {
    Destination trial = Destination.make(vertx, name, type, settings, destinations.guard(), Clock.systemUTC());
    Instant deadline = Instant.now().plus(trial.settings().timeout());
    return trial.connector().check(deadline).eventually(() -> trial.connector().close());
  }
}
