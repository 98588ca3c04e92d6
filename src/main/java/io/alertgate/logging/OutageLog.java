package io.alertgate.logging;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs a failure that repeats, such as every batch failing while the database is away, once when it starts and once
 * when it ends, with how many times it failed meanwhile. A line per failure buried what happened: thousands a second
 * under load, and nothing to say when it was over. Safe to share between event loops.
 */
public final class OutageLog {

  private final Logger log;
  private final String what;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong items = new AtomicLong();
  private volatile long since;

  /**
   * @param what the work that fails, as a log line starts with it ("normalize batches", "Inbox commits")
   */
  public OutageLog(Logger log, String what) {
    this.log = log;
    this.what = what;
  }

  /** One more failure; only the first of an outage is logged. */
  public void failed(Throwable cause) {
    failed(0, String.valueOf(cause.getMessage() == null ? cause : cause.getMessage()));
  }

  /**
   * One more failure, of {@code count} items (requests, events) that the closing line adds up.
   */
  public void failed(int count, String why) {
    items.addAndGet(count);
    if (failures.getAndIncrement() == 0) {
      since = System.nanoTime();
      log.warn("{}: failing ({}); not logged again until it works", what, why);
    }
  }

  /** The work succeeded: if it had been failing, says so once, with the outage's size. */
  public void worked() {
    if (failures.get() == 0) {
      return;
    }
    long failed = failures.getAndSet(0);
    if (failed == 0) {
      return;
    }
    long lost = items.getAndSet(0);
    Duration lasted = Duration.ofNanos(System.nanoTime() - since);
    log.info("{}: working again after {} s; {} failure(s){} meanwhile", what, lasted.toSeconds(), failed,
        lost == 0 ? "" : " of " + lost + " item(s)");
  }

  /** True between the first failure and the next success. */
  public boolean failing() {
    return failures.get() > 0;
  }
}
