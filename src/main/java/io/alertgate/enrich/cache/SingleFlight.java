package io.alertgate.enrich.cache;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Concurrent calls for one key share one upstream call: the first starts it, the others wait for its answer, success
 * or failure alike. The key is forgotten as soon as the call completes, so a later call starts afresh (after a failure
 * too); keeping answers is the cache's work, not this one's.
 *
 * <p>Safe from several event loops: each caller's future completes on the caller's own context, not on whichever
 * thread the shared call happens to complete on.
 */
public final class SingleFlight<K, V> {

  private final Map<K, Future<V>> inFlight = new ConcurrentHashMap<>();

  /** The answer of the call in flight for this key, or of {@code call}, started now when none is. */
  public Future<V> run(K key, Supplier<Future<V>> call) {
    Promise<V> shared = Promise.promise();
    Future<V> running = inFlight.putIfAbsent(key, shared.future());
    if (running != null) {
      return onCallersContext(running);
    }
    Future<V> upstream;
    try {
      upstream = call.get();
    } catch (RuntimeException thrown) {
      upstream = Future.failedFuture(thrown);
    }
    upstream.onComplete(answer -> {
      // Forgotten first: a waiter that calls again on hearing the answer starts a new call instead of joining this one.
      inFlight.remove(key, shared.future());
      shared.handle(answer);
    });
    return onCallersContext(shared.future());
  }

  /** How many calls are in flight, for metrics and tests. */
  public int inFlight() {
    return inFlight.size();
  }

  private static <V> Future<V> onCallersContext(Future<V> running) {
    Context caller = Vertx.currentContext();
    if (caller == null) {
      return running;
    }
    Promise<V> mine = Promise.promise();
    running.onComplete(answer -> deliver(caller, mine, answer));
    return mine.future();
  }

  private static <V> void deliver(Context caller, Promise<V> mine, AsyncResult<V> answer) {
    if (Vertx.currentContext() == caller) {
      mine.handle(answer);
    } else {
      caller.runOnContext(ignored -> mine.handle(answer));
    }
  }
}
