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

  private final InboxProcessor processor;
  private final long intervalMs;
  private final double graceSeconds;
  private final int parallelism;
  private long timer = -1;
  private int sweeping;
  private boolean stopped;

  /** @param parallelism batches claimed at once: SKIP LOCKED hands each a different set of events */
  public RecoverySweeper(InboxProcessor processor, long intervalMs, double graceSeconds, int parallelism) {
    this.processor = processor;
    this.intervalMs = intervalMs;
    this.graceSeconds = graceSeconds;
    this.parallelism = parallelism;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(intervalMs, id -> sweep());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void sweep() {
    if (sweeping > 0 || stopped) {
      return;
    }
    sweeping = parallelism;
    for (int i = 0; i < parallelism; i++) {
      sweepBatch(0);
    }
  }

  /** Keeps going while batches come back full: a backlog is drained at once, not one batch per tick. */
  private void sweepBatch(int recoveredSoFar) {
    processor.processPending(BATCH, graceSeconds)
        .onSuccess(outcome -> Publisher.publish(vertx, outcome))
        .onComplete(done -> {
          int recovered = recoveredSoFar + (done.succeeded() ? done.result().claimed() : 0);
          if (done.succeeded() && done.result().claimed() == BATCH && !stopped) {
            sweepBatch(recovered);
            return;
          }
          if (done.failed()) {
            LOG.warn("Recovery sweep failed: {}", done.cause().getMessage());
          } else if (recovered > 0) {
            LOG.info("Recovered {} inbound event(s) that the fast path had not processed", recovered);
          }
          sweeping--;
        });
  }
}
