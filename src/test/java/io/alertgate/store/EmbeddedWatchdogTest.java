package io.alertgate.store;

import io.alertgate.support.Eventually;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Liveness gives up on a server the watchdog cannot bring back, and recovers with it. */
class EmbeddedWatchdogTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() {
    vertx.close();
  }

  @Test
  @DisplayName("A server that will not restart: healthy for 2 minutes, then not, and healthy again once it is back")
  void unhealthyAfterFailingForLong() throws Exception {
    AtomicBoolean running = new AtomicBoolean(false);
    AtomicInteger attempts = new AtomicInteger();
    AtomicLong now = new AtomicLong(1_000_000);
    EmbeddedWatchdog watchdog = new EmbeddedWatchdog(vertx, new EmbeddedWatchdog.Server() {
      @Override
      public boolean running() {
        return running.get();
      }

      @Override
      public void restart() throws IOException {
        attempts.incrementAndGet();
        throw new IOException("port taken");
      }
    }, now::get);
    watchdog.start();
    try {
      Eventually.waitUntil(() -> attempts.get() > 0);
      assertTrue(watchdog.healthy(), "still within the time a restart may take");
      now.addAndGet(EmbeddedWatchdog.GIVE_UP_AFTER.toMillis() + 1);
      assertFalse(watchdog.healthy(), "down for longer than the watchdog's patience");
      running.set(true);
      Eventually.waitUntil(watchdog::healthy);
    } finally {
      watchdog.stop();
    }
  }
}
