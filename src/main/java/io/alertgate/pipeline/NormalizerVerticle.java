package io.alertgate.pipeline;

import io.alertgate.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The fast path: takes the ids ingest publishes on {@code alertgate.inbox.<source>} for one vendor's sources and
 * processes them in batches, one transaction at a time (ids that arrive meanwhile form the next batch). Deployed as
 * a worker verticle: normalizing a large body is CPU work that must not hold an event loop.
 *
 * <p>A message lost here (crash, restart, full queue) costs nothing but time: the recovery sweeper finds the event.
 */
public final class NormalizerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NormalizerVerticle.class);
  private static final int MAX_BATCH = 500;
  private static final long BATCH_TIMEOUT_SECONDS = 60;
  private static final int MAX_QUEUED = 100_000;

  private final String vendor;
  private final List<String> sources;
  private final InboxProcessor processor;
  private final List<MessageConsumer<String>> consumers = new ArrayList<>();
  private final ArrayDeque<UUID> queued = new ArrayDeque<>();
  private Future<?> inFlight = Future.succeededFuture();
  private boolean busy;
  private boolean stopping;

  public NormalizerVerticle(String vendor, List<String> sources, InboxProcessor processor) {
    this.vendor = vendor;
    this.sources = List.copyOf(sources);
    this.processor = processor;
  }

  @Override
  public Future<?> start() {
    List<Future<Void>> registered = new ArrayList<>();
    for (String source : sources) {
      MessageConsumer<String> consumer = vertx.eventBus().consumer(Addresses.inbox(source), message -> accept(message.body()));
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
      LOG.warn("Ignoring a malformed inbound id on the {} bus address", vendor);
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
    List<UUID> batch = new ArrayList<>(Math.min(MAX_BATCH, queued.size()));
    while (batch.size() < MAX_BATCH && !queued.isEmpty()) {
      batch.add(queued.poll());
    }
    inFlight = processor.process(batch)
        // A database that stops answering must not stall this loop for ever; the sweeper retries the events.
        .timeout(BATCH_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
        .onSuccess(outcome -> {
          Publisher.publish(vertx, outcome);
          // Over the byte budget: first in the next batch, in their order.
          for (int i = outcome.deferred().size() - 1; i >= 0; i--) {
            queued.addFirst(outcome.deferred().get(i));
          }
        })
        .onFailure(failure -> LOG.warn("Normalizing {} {} event(s) failed ({}); the sweeper will retry them",
            batch.size(), vendor, failure.getMessage()))
        .onComplete(done -> next());
  }
}
