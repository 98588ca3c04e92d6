package io.alertgate.enrich.quota;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests for lookups grouped into one take while a take is under way, each answered where it asked. */
class GroupedTakesTest {

  private static final Grant SPENT = Grant.refused(Grant.Refusal.MINUTE_BUDGET, Instant.parse("2026-12-01T03:01:00Z"));

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Asks made while a take runs wait for it and are taken together: the first of as many as granted get"
      + " a lookup, the rest the refusal")
  void groupsWhileTaking() throws Exception {
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    List<Promise<QuotaState.Taken>> pending = new CopyOnWriteArrayList<>();
    GroupedTakes takes = new GroupedTakes(wanted -> {
      sizes.add(wanted);
      Promise<QuotaState.Taken> taken = Promise.promise();
      pending.add(taken);
      return taken.future();
    });
    List<Future<Grant>> asked = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      asked.add(takes.ask());
    }
    assertEquals(List.of(1), sizes, "the first ask starts a take; the others wait for it");

    pending.get(0).complete(new QuotaState.Taken(1, null, null));
    assertEquals(List.of(1, 49), sizes, "the 49 that waited are one take");
    pending.get(1).complete(new QuotaState.Taken(3, SPENT, null));

    assertTrue(asked.stream().allMatch(Future::succeeded));
    assertEquals(4, asked.stream().filter(grant -> grant.result().granted()).count());
    assertEquals(SPENT, asked.get(49).result());
    takes.ask();
    assertEquals(List.of(1, 49, 1), sizes, "idle again: the next ask takes at once");
  }

  @Test
  @DisplayName("A failed take fails its group only; the group after it is taken")
  void failureStaysInItsGroup() {
    List<Promise<QuotaState.Taken>> pending = new CopyOnWriteArrayList<>();
    GroupedTakes takes = new GroupedTakes(wanted -> {
      Promise<QuotaState.Taken> taken = Promise.promise();
      pending.add(taken);
      return taken.future();
    });
    Future<Grant> first = takes.ask();
    Future<Grant> second = takes.ask();
    pending.get(0).fail(new IllegalStateException("database gone"));
    pending.get(1).complete(new QuotaState.Taken(1, null, null));

    assertTrue(first.failed());
    assertTrue(second.result().granted());
  }

  @Test
  @DisplayName("Each answer comes on the event loop that asked, whichever completed the take")
  void answeredOnTheAskingContext() throws Exception {
    Promise<QuotaState.Taken> gate = Promise.promise();
    GroupedTakes takes = new GroupedTakes(wanted -> wanted == 1 && !gate.future().isComplete() ? gate.future()
        : Future.succeededFuture(new QuotaState.Taken(wanted, null, null)));
    List<CompletableFuture<Boolean>> sameContext = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      CompletableFuture<Boolean> result = new CompletableFuture<>();
      sameContext.add(result);
      vertx.runOnContext(ignored -> {
        var asking = Vertx.currentContext();
        takes.ask().onComplete(grant -> result.complete(Vertx.currentContext() == asking));
      });
    }
    Thread.sleep(200);
    vertx.runOnContext(ignored -> gate.complete(new QuotaState.Taken(1, null, null)));
    for (CompletableFuture<Boolean> result : sameContext) {
      assertTrue(result.get(10, TimeUnit.SECONDS));
    }
  }
}
