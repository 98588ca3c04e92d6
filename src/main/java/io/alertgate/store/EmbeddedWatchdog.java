package io.alertgate.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Brings the embedded PostgreSQL back after it died (a SIGKILL, the OOM killer): without it, ingest answers 503
 * until someone restarts the gateway. Checks every couple of seconds off the event loop and restarts on the same
 * directory and port, so the pools reconnect by themselves and crash recovery replays the WAL. Failed restarts are
 * retried with a growing, bounded wait. Logs once per change of state, never per check.
 */
public final class EmbeddedWatchdog {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedWatchdog.class);
  private static final long CHECK_EVERY_MS = 2_000;
  private static final long MAX_BACKOFF_MS = 30_000;
  /** Down this long despite restarts: the process is past saving itself, so liveness tells the orchestrator. */
  public static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);

  /** What is watched: the embedded server, or a test's stand-in. */
  interface Server {
    boolean running();

    void restart() throws IOException;
  }

  private final Vertx vertx;
  private final Server database;
  private final LongSupplier clock;
  private long timer = -1;
  private boolean checking;
  private volatile boolean stopped;
  // Set on the event loop, read by the health probe.
  private volatile long downSinceMs = -1;
  private long nextAttemptMs;
  private long backoffMs = CHECK_EVERY_MS;
  private int failedAttempts;

  public EmbeddedWatchdog(Vertx vertx, EmbeddedDatabase database) {
    this(vertx, database, System::currentTimeMillis);
  }

  EmbeddedWatchdog(Vertx vertx, Server database, LongSupplier clock) {
    this.vertx = vertx;
    this.database = database;
    this.clock = clock;
  }

  public void start() {
    timer = vertx.setPeriodic(CHECK_EVERY_MS, id -> check());
  }

  public void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** False once the server has been down, despite every restart, for longer than {@link #GIVE_UP_AFTER}. */
  public boolean healthy() {
    long since = downSinceMs;
    return since < 0 || clock.getAsLong() - since <= GIVE_UP_AFTER.toMillis();
  }

  private void check() {
    if (checking || stopped) {
      return; // a restart (crash recovery) can outlast the period
    }
    checking = true;
    vertx.executeBlocking(database::running, false)
        .compose(running -> running ? Future.succeededFuture(true) : restartWhenDue())
        .onComplete(done -> {
          checking = false;
          if (done.succeeded() && done.result() && downSinceMs >= 0) {
            LOG.info("Embedded PostgreSQL is back, {} ms after it was found down", clock.getAsLong() - downSinceMs);
            downSinceMs = -1;
            backoffMs = CHECK_EVERY_MS;
            failedAttempts = 0;
          }
        });
  }

  private Future<Boolean> restartWhenDue() {
    long now = clock.getAsLong();
    if (downSinceMs < 0) {
      downSinceMs = now;
      nextAttemptMs = now;
      LOG.warn("Embedded PostgreSQL has stopped running; restarting it on the same data directory and port");
    }
    if (stopped || now < nextAttemptMs) {
      return Future.succeededFuture(false);
    }
    return vertx.executeBlocking(() -> {
      database.restart();
      return true;
    }, false).recover(failure -> {
      failedAttempts++;
      if (failedAttempts == 1) {
        LOG.error("Restarting the embedded PostgreSQL failed; retrying with a growing wait", failure);
      }
      nextAttemptMs = clock.getAsLong() + backoffMs;
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      return Future.succeededFuture(false);
    });
  }
}
