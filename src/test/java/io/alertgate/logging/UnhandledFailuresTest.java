package io.alertgate.logging;

import io.alertgate.support.LogCapture;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.alertgate.support.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnhandledFailuresTest {

  @Test
  @DisplayName("An exception no handler took is an ERROR with its stack; the pools' known race is not")
  void onlyTheKnownRaceIsQuiet() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (LogCapture log = LogCapture.attach()) {
      vertx.exceptionHandler(new UnhandledFailures());
      vertx.runOnContext(v -> {
        throw poolRace();
      });
      vertx.runOnContext(v -> {
        throw httpPoolRace();
      });
      vertx.runOnContext(v -> {
        throw new IllegalStateException("a real bug");
      });
      waitUntil(() -> !log.warnings().isEmpty());
      Thread.sleep(100);
      assertEquals(List.of("ERROR " + UnhandledFailures.class.getName() + ": Unhandled failure:"
          + " java.lang.IllegalStateException: a real bug | java.lang.IllegalStateException: a real bug"),
          log.warnings());
    } finally {
      vertx.close();
    }
  }

  @Test
  @DisplayName("The race is told by its message and the pool's frame, not by the message alone")
  void raceNeedsThePoolFrame() {
    assertTrue(UnhandledFailures.knownPoolRace(poolRace()));
    assertTrue(UnhandledFailures.knownPoolRace(httpPoolRace()));
    assertFalse(UnhandledFailures.knownPoolRace(alreadyCompleted(
        new StackTraceElement("io.alertgate.ingest.InboxWriter", "commit", "InboxWriter.java", 1))));
  }

  private static IllegalStateException poolRace() {
    return alreadyCompleted(
        new StackTraceElement("io.vertx.core.Promise", "fail", "Promise.java", 110),
        new StackTraceElement("io.vertx.sqlclient.impl.pool.SqlConnectionPool$1PoolRequest", "lambda$onEnqueue$1",
            "SqlConnectionPool.java", 305));
  }

  // As a backlog drain's delivery logged it: the HTTP client's connect timeout firing as the pool served the request.
  private static IllegalStateException httpPoolRace() {
    return alreadyCompleted(
        new StackTraceElement("io.vertx.core.Promise", "fail", "Promise.java", 104),
        new StackTraceElement("io.vertx.core.http.impl.SharedHttpClientConnectionGroup$Request",
            "lambda$onConnect$0", "SharedHttpClientConnectionGroup.java", 154),
        new StackTraceElement("io.vertx.core.internal.pool.SimpleConnectionPool$Cancel", "run",
            "SimpleConnectionPool.java", 688));
  }

  private static IllegalStateException alreadyCompleted(StackTraceElement... frames) {
    IllegalStateException race = new IllegalStateException("Promise already completed");
    race.setStackTrace(frames);
    return race;
  }
}
