package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A stage's fast path for one lane: takes the ids announced on the lane's addresses and runs them in batches, one
 * batch at a time (ids that arrive meanwhile form the next batch). Items a leased stage writes back for later are
 * run again when their timer fires. Deployed on the stage's threading model; everything here runs on the
 * verticle's own context, so its queue needs no lock.
 *
 * <p>A message lost here (crash, restart, full queue, too many timers) costs nothing but time: the stage's sweeper
 * finds the item.
 */
final class FastPath extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(FastPath.class);
  private static final int MAX_QUEUED = 100_000;
  private static final int MAX_TIMERS = 10_000;
  // A retry timer fires a little after the time written, so the database's clock agrees the item is due.
  private static final long CLOCK_SLACK_MS = 50;

  private final StageRunner runner;
  private final StagePlan.Lane lane;
  private final int maxBatch;
  private final List<MessageConsumer<String>> consumers = new ArrayList<>();
  private final ArrayDeque<UUID> queued = new ArrayDeque<>();
  private final Set<Long> timers = new HashSet<>();
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
      MessageConsumer<String> consumer = vertx.eventBus().consumer(address, message -> announced(message.body()));
      consumers.add(consumer);
      registered.add(consumer.completion());
    }
    return Future.all(registered);
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    consumers.forEach(MessageConsumer::unregister);
    timers.forEach(vertx::cancelTimer);
    // What is still queued is left to the sweeper of whichever instance runs next.
    queued.clear();
    return runner.settling(inFlight);
  }

  private void announced(String id) {
    try {
      accept(UUID.fromString(id));
    } catch (IllegalArgumentException notAnId) {
      LOG.warn("Ignoring a malformed id on the {} {} lane", runner.stage().plan().name(), lane.name());
    }
  }

  private void accept(UUID id) {
    if (queued.size() >= MAX_QUEUED) {
      return; // Shed: the sweeper will find it.
    }
    queued.add(id);
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
        .timeout(runner.stage().plan().batchTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .onSuccess(outcome -> {
          // Over the budget: first in the next batch, in their order.
          for (int i = outcome.deferred().size() - 1; i >= 0; i--) {
            queued.addFirst(outcome.deferred().get(i));
          }
          retryLater(outcome.later());
        })
        .onComplete(done -> {
          // A failed batch's items stay due: the sweeper retries them.
          runner.ended(done);
          next();
        });
  }

  /** A timer per item written back for later, up to a bound; past it, the sweeper takes them when they are due. */
  private void retryLater(Map<UUID, Instant> later) {
    long now = System.currentTimeMillis();
    for (Map.Entry<UUID, Instant> retry : later.entrySet()) {
      if (timers.size() >= MAX_TIMERS || stopping) {
        return;
      }
      long delay = Math.max(1, retry.getValue().toEpochMilli() - now + CLOCK_SLACK_MS);
      long[] timer = new long[1];
      timer[0] = vertx.setTimer(delay, fired -> {
        timers.remove(timer[0]);
        accept(retry.getKey());
      });
      timers.add(timer[0]);
    }
  }
}
