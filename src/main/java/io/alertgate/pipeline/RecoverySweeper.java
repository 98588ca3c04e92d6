package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds events committed but never processed (a lost bus message, a crash between stages, another instance that
 * died) and processes them. Only events older than a grace period are taken, so the fast path normally wins; when
 * both reach for one, {@code SKIP LOCKED} and the status check give it to exactly one.
 */
public final class RecoverySweeper extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RecoverySweeper.class);
  private static final int BATCH = 500;
  private static final long BATCH_TIMEOUT_SECONDS = 60;

  private final InboxProcessor processor;
  private final long intervalMs;
  private final double graceSeconds;
  private long timer = -1;
  private boolean sweeping;
  private boolean stopped;
  private Future<?> current = Future.succeededFuture();

  /** Deploy several instances to use several cores: SKIP LOCKED hands each a different set of events. */
  public RecoverySweeper(InboxProcessor processor, long intervalMs, double graceSeconds) {
    this.processor = processor;
    this.intervalMs = intervalMs;
    this.graceSeconds = graceSeconds;
  }

  @Override
  public Future<?> start() {
    // The first sweep at once: after a restart, what the last process left behind is waiting already.
    timer = vertx.setPeriodic(1, intervalMs, id -> sweep());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return current.otherwiseEmpty();
  }

  private void sweep() {
    if (sweeping || stopped) {
      return;
    }
    sweeping = true;
    sweepBatch(0);
  }

  /** Keeps going while batches find work: a backlog is drained at once, not one batch per tick. */
  private void sweepBatch(int recoveredSoFar) {
    current = processor.processPending(BATCH, graceSeconds)
        .timeout(BATCH_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
        .onSuccess(outcome -> Publisher.publish(vertx, outcome))
        .onComplete(done -> {
          int recovered = recoveredSoFar + (done.succeeded() ? done.result().claimed() : 0);
          if (done.succeeded() && done.result().claimed() > 0 && !stopped) {
            sweepBatch(recovered);
            return;
          }
          if (done.failed()) {
            LOG.warn("Recovery sweep failed: {}", done.cause().getMessage());
          } else if (recovered > 0) {
            LOG.info("Recovered {} inbound event(s) that the fast path had not processed", recovered);
          }
          sweeping = false;
        });
  }
}
