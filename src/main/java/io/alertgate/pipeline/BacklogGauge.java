package io.alertgate.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code alertgate_inbound_backlog}: events committed and not yet normalized, for every instance sharing the
 * database. Read on a timer rather than at scrape time, so scrapes cost no query; one count at a time.
 */
public final class BacklogGauge {

  private static final Logger LOG = LoggerFactory.getLogger(BacklogGauge.class);
  private static final long INTERVAL_MS = 10_000;
  private static final String COUNT = "SELECT count(*) FROM inbound_state WHERE status = 'received'";

  // NaN until the first count, and again when a count fails: an old figure would hide a storm.
  private volatile double backlog = Double.NaN;
  private volatile long timer = -1;
  // The timer and the query's answer may run on different threads.
  private final AtomicBoolean counting = new AtomicBoolean();

  public BacklogGauge(MeterRegistry registry) {
    Gauge.builder("alertgate.inbound.backlog", this, gauge -> gauge.backlog)
        .description("Inbound events committed and not yet normalized (all instances)")
        .register(registry);
  }

  public void start(Vertx vertx, Pool pool) {
    refresh(pool);
    timer = vertx.setPeriodic(INTERVAL_MS, id -> refresh(pool));
  }

  public void stop(Vertx vertx) {
    vertx.cancelTimer(timer);
  }

  private void refresh(Pool pool) {
    if (!counting.compareAndSet(false, true)) {
      return;
    }
    pool.query(COUNT).execute()
        .onSuccess(rows -> backlog = rows.iterator().next().getLong(0))
        .onFailure(failure -> {
          backlog = Double.NaN;
          LOG.warn("Could not count the inbound backlog: {}", failure.getMessage());
        })
        .onComplete(done -> counting.set(false));
  }
}
