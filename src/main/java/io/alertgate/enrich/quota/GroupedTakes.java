package io.alertgate.enrich.quota;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One provider's requests for a lookup, taken from its budget together: the requests that arrive while a take is
 * under way wait for it to end and are then taken by one transaction, however many they are. Each take holds the
 * provider's row lock through a commit, so one take a request would queue a storm's lookups behind each other
 * (measured with bench/relay.sh's enrichment mode: 10 ms a take, lock waits the biggest line of the database's
 * statement time); grouped, the wait is one round trip whatever the number asking.
 *
 * <p>Requests come from several event loops; each answer is given on the context that asked.
 */
final class GroupedTakes {

  // A bound on one take: a group larger than any budget's window gains nothing.
  private static final int MAX_GROUP = 1_000;

  private record Waiter(Promise<Grant> promise, Context context) {}

  /** A take of this many lookups, as one transaction. */
  private final IntFunction<Future<QuotaState.Taken>> take;
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private boolean taking;

  GroupedTakes(IntFunction<Future<QuotaState.Taken>> take) {
    this.take = take;
  }

  Future<Grant> ask() {
    Promise<Grant> promise = Promise.promise();
    List<Waiter> group;
    synchronized (this) {
      waiting.add(new Waiter(promise, Vertx.currentContext()));
      if (taking) {
        return promise.future();
      }
      taking = true;
      group = nextGroup();
    }
    run(group);
    return promise.future();
  }

  private void run(List<Waiter> group) {
    take.apply(group.size()).onComplete(taken -> {
      for (int i = 0; i < group.size(); i++) {
        Waiter waiter = group.get(i);
        if (taken.failed()) {
          answer(waiter, () -> waiter.promise().fail(taken.cause()));
        } else {
          Grant grant = i < taken.result().granted() ? Grant.GRANTED : taken.result().refusal();
          answer(waiter, () -> waiter.promise().complete(grant));
        }
      }
      List<Waiter> next;
      synchronized (this) {
        if (waiting.isEmpty()) {
          taking = false;
          return;
        }
        next = nextGroup();
      }
      run(next);
    });
  }

  private List<Waiter> nextGroup() {
    List<Waiter> group = new ArrayList<>(Math.min(waiting.size(), MAX_GROUP));
    while (!waiting.isEmpty() && group.size() < MAX_GROUP) {
      group.add(waiting.poll());
    }
    return group;
  }

  private static void answer(Waiter waiter, Runnable answer) {
    if (waiter.context() == null || waiter.context() == Vertx.currentContext()) {
      answer.run();
    } else {
      waiter.context().runOnContext(ignored -> answer.run());
    }
  }
}
