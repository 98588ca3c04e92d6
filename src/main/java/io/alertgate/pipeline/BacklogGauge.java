package io.alertgate.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code alertgate_inbound_backlog}: events committed and not yet normalized, for every instance sharing the
 * database. Read on a timer rather than at scrape time, so scrapes cost no query; one count at a time.
 */
public final class BacklogGauge {

  private static final long INTERVAL_MS = 10_000;
  private static final String COUNT = "SELECT count(*) FROM inbound_state WHERE status = 'received'";

  private final AtomicLong backlog = new AtomicLong();
  private long timer = -1;
  private boolean counting;

  public BacklogGauge(MeterRegistry registry) {
    Gauge.builder("alertgate.inbound.backlog", backlog, AtomicLong::get)
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
    if (counting) {
      return;
    }
    counting = true;
    pool.query(COUNT).execute()
        .onSuccess(rows -> backlog.set(rows.iterator().next().getLong(0)))
        .onComplete(done -> counting = false);
  }
}
