package io.alertgate.net;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * At most so many requests to one destination at once; the others wait here, in order, until one ends or their
 * deadline passes. Waiting here rather than in the HTTP client's connection pool keeps the connect timeout for
 * connecting: Vert.x 5.0's pool fails a request whose connect timeout fires while it waits for a connection with an
 * unhandled "Promise already completed" on the event loop. Shared by the stage's verticles, hence synchronized; a
 * waiter resumes on its own context.
 */
public final class ConcurrencyLimit {

  private final Vertx vertx;
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private int free;

  private record Waiter(Promise<Void> promise, Context context, long timer) {}

  public ConcurrencyLimit(Vertx vertx, int permits) {
    this.vertx = vertx;
    this.free = permits;
  }

  /**
   * The work, once a permit is free, the permit given back when the work is over; a failed future (a
   * {@link TimeoutException}) when none came free by the deadline.
   */
  public <T> Future<T> run(Instant deadline, Supplier<Future<T>> work) {
    return acquire(deadline).compose(permit -> work.get().onComplete(done -> release()));
  }

  /** A permit, to {@link #release()} when the request is over; a failed future past the deadline. */
  public synchronized Future<Void> acquire(Instant deadline) {
    if (free > 0) {
      free--;
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    Context context = vertx.getOrCreateContext();
    long delay = Math.max(1, deadline.toEpochMilli() - System.currentTimeMillis());
    Waiter[] self = new Waiter[1];
    long timer = vertx.setTimer(delay, fired -> {
      if (giveUp(self[0])) {
        promise.tryFail(new TimeoutException("no connection to the destination came free before the deadline"));
      }
    });
    self[0] = new Waiter(promise, context, timer);
    waiting.add(self[0]);
    return promise.future();
  }

  private synchronized boolean giveUp(Waiter waiter) {
    return waiting.remove(waiter);
  }

  public synchronized void release() {
    Waiter next = waiting.poll();
    if (next == null) {
      free++;
      return;
    }
    vertx.cancelTimer(next.timer());
    next.context().runOnContext(v -> next.promise().tryComplete());
  }
}
