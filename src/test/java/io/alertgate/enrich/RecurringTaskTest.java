package io.alertgate.enrich;

import io.alertgate.support.LogCapture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static io.alertgate.support.Eventually.waitUntil;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The enrichment stage's upkeep timer: its ticks, one run at a time, its stop, and its quiet failures. */
class RecurringTaskTest {

  private static final Duration TICK = Duration.ofMillis(20);

  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger runs = new AtomicInteger();

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("It runs after its first delay, then at every tick, and never again once stopped")
  void ticksUntilStopped() throws Exception {
    RecurringTask task = RecurringTask.start(vertx, "Counting", TICK, TICK, this::counted);
    waitUntil(() -> runs.get() >= 3);

    task.stop();
    int stoppedAt = runs.get();
    Thread.sleep(TICK.toMillis() * 5);

    assertEquals(stoppedAt, runs.get());
  }

  @Test
  @DisplayName("A run still going when the next tick comes is left to finish: no second one starts beside it")
  void oneRunAtATime() throws Exception {
    Promise<Void> slow = Promise.promise();
    RecurringTask task = RecurringTask.start(vertx, "Waiting", Duration.ZERO, TICK, () -> {
      runs.incrementAndGet();
      return slow.future();
    });
    Thread.sleep(TICK.toMillis() * 10);
    assertEquals(1, runs.get());

    vertx.runOnContext(done -> slow.complete());

    waitUntil(() -> runs.get() >= 2);
    task.stop();
  }

  @Test
  @DisplayName("A failure is logged when it begins and its end when the work succeeds again, not at every tick")
  void failuresLoggedOncePerChange() throws Exception {
    Queue<Boolean> outcomes = new ConcurrentLinkedQueue<>(List.of(false, false, false, true, true, false, false));
    try (LogCapture log = LogCapture.attach()) {
      RecurringTask task = RecurringTask.start(vertx, "Tidying up", Duration.ZERO, TICK, () -> {
        Boolean works = outcomes.poll();
        runs.incrementAndGet();
        return works == null || works ? Future.succeededFuture()
            : Future.failedFuture(new IllegalStateException("table locked"));
      });
      // The eighth run succeeds; the ninth has started once the eighth has logged.
      waitUntil(() -> runs.get() >= 9);
      task.stop();

      // What each line says up to its first digit: the second says how long the failure lasted.
      List<String> lines = log.text().lines().filter(line -> line.startsWith("Tidying up"))
          .map(line -> line.replaceAll("[0-9].*", "")).toList();
      String failed = "Tidying up: failing (table locked); not logged again until it works";
      String works = "Tidying up: working again after ";
      assertEquals(List.of(failed, works, failed, works), lines);
    }
  }

  private Future<?> counted() {
    runs.incrementAndGet();
    return Future.succeededFuture();
  }
}
