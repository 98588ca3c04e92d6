package io.alertgate.pipeline;

import io.alertgate.logging.OutageLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code alertgate_stage_backlog{stage}}: a stage's items due and not yet processed, for every instance sharing the
 * database. Read on a timer rather than at scrape time, so scrapes cost no query; one count at a time.
 */
final class BacklogGauge {

  private static final Logger LOG = LoggerFactory.getLogger(BacklogGauge.class);
  private static final long INTERVAL_MS = 10_000;

  private final String stage;
  private final String query;
  // NaN until the first count, and again when a count fails: an old figure would hide a storm.
  private volatile double backlog = Double.NaN;
  private volatile long timer = -1;
  // The timer and the query's answer may run on different threads.
  private final AtomicBoolean counting = new AtomicBoolean();
  private final OutageLog failures;

  BacklogGauge(MeterRegistry registry, StagePlan plan, String query) {
    this.stage = plan.name();
    this.query = query;
    this.failures = new OutageLog(LOG, "Counting the " + stage + " backlog");
    Gauge.builder("alertgate.stage.backlog", this, gauge -> gauge.backlog)
        .description("Items a stage has due and not yet processed (all instances)")
        .tag("stage", stage)
        .register(registry);
    if (plan.backlogAlias() != null) {
      Gauge.builder(plan.backlogAlias().name(), this, gauge -> gauge.backlog)
          .description(plan.backlogAlias().description())
          .register(registry);
    }
  }

  void start(Vertx vertx, Pool pool) {
    if (timer >= 0) {
      return;
    }
    refresh(pool);
    timer = vertx.setPeriodic(INTERVAL_MS, id -> refresh(pool));
  }

  void stop(Vertx vertx) {
    vertx.cancelTimer(timer);
  }

  private void refresh(Pool pool) {
    if (!counting.compareAndSet(false, true)) {
      return;
    }
    pool.query(query).execute()
        .onSuccess(rows -> {
          backlog = rows.iterator().next().getLong(0);
          failures.worked();
        })
        .onFailure(failure -> {
          backlog = Double.NaN;
          failures.failed(failure);
        })
        .onComplete(done -> counting.set(false));
  }
}
