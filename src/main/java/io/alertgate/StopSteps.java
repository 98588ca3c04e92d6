package io.alertgate;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The steps of a graceful stop, run one after another whatever became of the ones before: a step that failed must
 * not leave the pools or the database open. The stop as a whole still fails when any step did, so that the exit
 * status tells an operator the stop was not clean.
 */
final class StopSteps {

  private static final Logger LOG = LoggerFactory.getLogger(StopSteps.class);

  // Appended on whichever thread completed the step before; read once all have run.
  private final List<String> failed = new CopyOnWriteArrayList<>();
  private Future<Void> chain = Future.succeededFuture();

  /** Runs the step once those before it have finished, failed or not. */
  StopSteps then(String name, Supplier<Future<?>> step) {
    chain = chain.transform(previous -> run(name, step));
    return this;
  }

  /** Fails, naming the steps that failed, when any did; completes once every step has run. */
  Future<Void> done() {
    return chain.compose(v -> failed.isEmpty() ? Future.succeededFuture()
        : Future.failedFuture(new IllegalStateException("the stop was not clean: " + String.join(", ", failed)
            + " failed")));
  }

  private Future<Void> run(String name, Supplier<Future<?>> step) {
    Future<?> result;
    try {
      result = step.get();
    } catch (RuntimeException thrown) {
      result = Future.failedFuture(thrown);
    }
    return result.transform(outcome -> {
      if (outcome.failed()) {
        failed.add(name);
        LOG.error("Stopping {} failed: {}", name, outcome.cause().getMessage(), outcome.cause());
      }
      return Future.succeededFuture();
    });
  }
}
