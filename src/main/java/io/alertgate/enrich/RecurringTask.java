package io.alertgate.enrich;

import io.alertgate.logging.OutageLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Upkeep the enrichment stage does on a timer, beside its alerts: reading the quota, purging expired answers. One
 * run at a time (a tick that finds the last run still going lets it be), all on futures, so an event loop never
 * waits on the database. A failure is logged when it starts and when it ends, not at every tick: a database away
 * for an hour writes two lines, not one a tick.
 */
final class RecurringTask {

  private static final Logger LOG = LoggerFactory.getLogger(RecurringTask.class);

  private final Vertx vertx;
  private final Supplier<Future<?>> work;
  private final AtomicBoolean running = new AtomicBoolean();
  private final OutageLog failures;
  private final long timer;

  private RecurringTask(Vertx vertx, String name, Duration first, Duration every, Supplier<Future<?>> work) {
    this.vertx = vertx;
    this.work = work;
    this.failures = new OutageLog(LOG, name);
    this.timer = vertx.setPeriodic(Math.max(1, first.toMillis()), every.toMillis(), tick -> run());
  }

  /**
   * Runs {@code work} after {@code first}, then every {@code every}, until {@link #stop()}.
   *
   * @param name what the work is, as a log line starts with it ("Purging expired enrichment answers")
   */
  static RecurringTask start(Vertx vertx, String name, Duration first, Duration every, Supplier<Future<?>> work) {
    return new RecurringTask(vertx, name, first, every, work);
  }

  /** No run starts after this; one under way finishes. */
  void stop() {
    vertx.cancelTimer(timer);
  }

  private void run() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    Future<?> done;
    try {
      done = work.get();
    } catch (RuntimeException thrown) {
      done = Future.failedFuture(thrown);
    }
    done.onComplete(result -> {
      if (result.failed()) {
        failures.failed(result.cause());
      } else {
        failures.worked();
      }
      running.set(false);
    });
  }
}
