package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Finds a stage's items that are due but were never processed (a lost bus message, a crash between stages, another
 * instance that died, a lease that expired, a retry whose timer was lost) and processes them. Only items older than
 * the grace period are taken, so the fast path normally wins; when both reach for one, {@code SKIP LOCKED} and the
 * claim's status check give it to exactly one.
 *
 * <p>Before each batch it asks its {@link Backpressure} whether a later stage has work enough; if so it takes
 * nothing and looks again a little later, so that a backlog moves through the stages together.
 */
final class Sweeper extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

  private final StageRunner runner;
  private final StagePlan plan;
  private final Backpressure backpressure;
  private final Pool pool;
  private long timer = -1;
  private long recheck = -1;
  // Items recovered since the sweeper last found nothing, across holds: one line for a backlog, not one a hold.
  private int recovered;
  private boolean sweeping;
  private boolean stopped;
  private Future<?> current = Future.succeededFuture();

  /** Deploy several instances to use several cores: SKIP LOCKED hands each a different set of items. */
  Sweeper(StageRunner runner, Backpressure backpressure, Pool pool) {
    this.runner = runner;
    this.plan = runner.stage().plan();
    this.backpressure = backpressure;
    this.pool = pool;
  }

  @Override
  public Future<?> start() {
    // The first sweep at once: after a restart, what the last process left behind is waiting already.
    timer = vertx.setPeriodic(1, plan.sweepIntervalMs(), id -> sweep());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    vertx.cancelTimer(recheck);
    return runner.settling(current);
  }

  private void sweep() {
    if (sweeping || stopped) {
      return;
    }
    sweeping = true;
    sweepIfRoom();
  }

  /** Each batch only while the later stages have room for what it makes; else a look again soon. */
  private void sweepIfRoom() {
    backpressure.holds(pool).onComplete(held -> {
      if (stopped) {
        sweeping = false;
      } else if (held.result()) {
        sweeping = false;
        recheck = vertx.setTimer(backpressure.recheckMs(), id -> sweep());
      } else {
        sweepBatch();
      }
    });
  }

  /** Keeps going while batches find work: a backlog is drained at once, not one batch per tick. */
  private void sweepBatch() {
    current = runner.runDue(plan.maxBatch(), plan.graceSeconds())
        .timeout(plan.batchTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .onComplete(done -> {
          runner.ended(done);
          recovered += done.succeeded() ? done.result().claimed() : 0;
          if (done.succeeded() && done.result().claimed() > 0 && !stopped) {
            sweepIfRoom();
            return;
          }
          if (recovered > 0) {
            LOG.info("{}: recovered {} item(s) that the fast path had not processed", plan.name(), recovered);
            recovered = 0;
          }
          sweeping = false;
        });
  }
}
