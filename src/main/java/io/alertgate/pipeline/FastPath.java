package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A stage's fast path for one lane: takes the ids announced on the lane's addresses and runs them in batches, one
 * transaction at a time (ids that arrive meanwhile form the next batch). Deployed on the stage's threading model.
 *
 * <p>A message lost here (crash, restart, full queue) costs nothing but time: the stage's sweeper finds the item.
 */
final class FastPath extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(FastPath.class);
  private static final long BATCH_TIMEOUT_SECONDS = 60;
  private static final int MAX_QUEUED = 100_000;

  private final StageRunner runner;
  private final StagePlan.Lane lane;
  private final int maxBatch;
  private final List<MessageConsumer<String>> consumers = new ArrayList<>();
  private final ArrayDeque<UUID> queued = new ArrayDeque<>();
  private Future<?> inFlight = Future.succeededFuture();
  private boolean busy;
  private boolean stopping;

  FastPath(StageRunner runner, StagePlan.Lane lane) {
    this.runner = runner;
    this.lane = lane;
    this.maxBatch = runner.stage().plan().maxBatch();
  }

  @Override
  public Future<?> start() {
    List<Future<Void>> registered = new ArrayList<>();
    for (String address : lane.addresses()) {
      MessageConsumer<String> consumer = vertx.eventBus().consumer(address, message -> accept(message.body()));
      consumers.add(consumer);
      registered.add(consumer.completion());
    }
    return Future.all(registered);
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    consumers.forEach(MessageConsumer::unregister);
    // What is still queued is left to the sweeper of whichever instance runs next; the batch in flight finishes.
    queued.clear();
    return inFlight.otherwiseEmpty();
  }

  private void accept(String id) {
    if (queued.size() >= MAX_QUEUED) {
      return; // Shed: the sweeper will find it.
    }
    try {
      queued.add(UUID.fromString(id));
    } catch (IllegalArgumentException notAnId) {
      LOG.warn("Ignoring a malformed id on the {} {} lane", runner.stage().plan().name(), lane.name());
      return;
    }
    if (!busy) {
      next();
    }
  }

  private void next() {
    if (queued.isEmpty() || stopping) {
      busy = false;
      return;
    }
    busy = true;
    List<UUID> batch = new ArrayList<>(Math.min(maxBatch, queued.size()));
    while (batch.size() < maxBatch && !queued.isEmpty()) {
      batch.add(queued.poll());
    }
    inFlight = runner.run(batch)
        // A database that stops answering must not stall this loop for ever; the sweeper retries the items.
        .timeout(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .onSuccess(outcome -> {
          // Over the budget: first in the next batch, in their order.
          for (int i = outcome.deferred().size() - 1; i >= 0; i--) {
            queued.addFirst(outcome.deferred().get(i));
          }
        })
        .onFailure(failure -> LOG.warn("{}: a batch of {} {} item(s) failed ({}); the sweeper will retry them",
            runner.stage().plan().name(), batch.size(), lane.name(), failure.getMessage()))
        .onComplete(done -> next());
  }
}
