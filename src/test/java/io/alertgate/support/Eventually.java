package io.alertgate.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waits on a test thread for what the gateway does in the background, polling, for at most 30 s. */
public final class Eventually {

  private static final Duration LIMIT = Duration.ofSeconds(30);

  private Eventually() {
  }

  public static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not reached in " + LIMIT.toSeconds() + " s");
      Thread.sleep(20);
    }
  }
}
