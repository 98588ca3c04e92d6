package io.alertgate.enrich.cache;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Concurrent lookups of one key, from many threads and event loops, sharing one upstream call. */
class SingleFlightTest {

  private static final int CALLERS = 100;

  private final Vertx vertx = Vertx.vertx();
  private final SingleFlight<String, String> flight = new SingleFlight<>();
  private final AtomicInteger upstreamCalls = new AtomicInteger();
  private final Promise<String> upstream = Promise.promise();

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("100 concurrent lookups of one key from 100 verticles make one call; each hears its answer on its own"
      + " context, and the key is then forgotten")
  void oneCallForAllVerticles() throws Exception {
    List<CompletableFuture<Boolean>> heardOnOwnContext = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      heardOnOwnContext.add(new CompletableFuture<>());
    }
    AtomicInteger next = new AtomicInteger();
    await(vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        CompletableFuture<Boolean> heard = heardOnOwnContext.get(next.getAndIncrement());
        Context own = context;
        flight.run("203.0.113.7", countedCall())
            .onSuccess(answer -> heard.complete("ok".equals(answer) && Vertx.currentContext() == own))
            .onFailure(heard::completeExceptionally);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(CALLERS)));

    assertEquals(1, upstreamCalls.get());
    assertEquals(1, flight.inFlight());
    upstream.complete("ok");

    for (CompletableFuture<Boolean> heard : heardOnOwnContext) {
      assertTrue(heard.get(10, TimeUnit.SECONDS));
    }
    assertEquals(0, flight.inFlight());
  }

  @Test
  @DisplayName("100 threads racing on one key make one call; its failure reaches all, and the next lookup calls again")
  void failureReachesAll() throws Exception {
    List<Future<String>> answers = race(countedCall());
    assertEquals(1, upstreamCalls.get());
    IllegalStateException failure = new IllegalStateException("provider answered 503");

    upstream.fail(failure);

    for (Future<String> answer : answers) {
      ExecutionException heard = assertThrows(ExecutionException.class, () -> await(answer));
      assertSame(failure, heard.getCause());
    }
    assertEquals(0, flight.inFlight());
    assertEquals("again", await(flight.run("203.0.113.7", () -> Future.succeededFuture("again"))));
    assertEquals(1, upstreamCalls.get());
  }

  @Test
  @DisplayName("A call that throws instead of failing its future is a failure like another, and is forgotten")
  void throwingCall() {
    Future<String> answer = flight.run("example.com", () -> {
      throw new IllegalArgumentException("no such indicator kind");
    });

    assertTrue(answer.failed());
    assertEquals("no such indicator kind", answer.cause().getMessage());
    assertEquals(0, flight.inFlight());
  }

  @Test
  @DisplayName("Lookups of different keys do not wait for each other")
  void keysApart() throws Exception {
    Future<String> first = flight.run("a", countedCall());
    Future<String> second = flight.run("b", () -> Future.succeededFuture("b"));

    assertEquals("b", await(second));
    assertEquals(1, flight.inFlight());
    upstream.complete("a");
    assertEquals("a", await(first));
  }

  private Supplier<Future<String>> countedCall() {
    return () -> {
      upstreamCalls.incrementAndGet();
      return upstream.future();
    };
  }

  /** Every caller starts at once from its own thread, none on a Vert.x context. */
  private List<Future<String>> race(Supplier<Future<String>> call) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<java.util.concurrent.Future<Future<String>>> started = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        started.add(threads.submit(() -> {
          start.await();
          return flight.run("203.0.113.7", call);
        }));
      }
      start.countDown();
      List<Future<String>> answers = new ArrayList<>();
      for (java.util.concurrent.Future<Future<String>> one : started) {
        answers.add(one.get(10, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      threads.shutdown();
    }
  }
}
