package io.alertgate.pipeline;

import io.alertgate.store.PgPools;
import io.alertgate.store.TimeOrderedIds;
import io.alertgate.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stage kit on its own, with toy stages on tables of their own: what every stage gets from it. */
class StageKitTest {

  private Vertx vertx;
  private Pool pool;
  private SimpleMeterRegistry registry;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    pool = PgPools.create(vertx, TestDatabase.endpoint(), "kit", 6);
    registry = new SimpleMeterRegistry();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(pool.close());
    await(vertx.close());
  }

  @Test
  @DisplayName("A batch writes its outcome and the next stage's work in one transaction, and announces it after the commit")
  void outcomeAndHandoffTogether() throws Exception {
    ToyStage first = toy("kit_a", ThreadingModel.EVENT_LOOP, Long.MAX_VALUE);
    ToyStage next = toy("kit_b", ThreadingModel.EVENT_LOOP, Long.MAX_VALUE);
    List<UUID> ids = insert(first, 5, 1);
    Set<UUID> announced = ConcurrentHashMap.newKeySet();
    Set<UUID> visibleWhenAnnounced = ConcurrentHashMap.newKeySet();
    await(vertx.eventBus().<String>consumer("kit_a.out", message -> {
      UUID id = UUID.fromString(message.body());
      // A blocking look from the test's own handler: the next stage's row must already be committed.
      if (TestDatabase.count("SELECT count(*) FROM kit_b_work WHERE id = '" + id + "'") == 1) {
        visibleWhenAnnounced.add(id);
      }
      announced.add(id);
    }).completion());

    StageOutcome outcome = await(runner(first, new Handoff("kit_a.out", next.intake())).run(ids));

    assertEquals(5, outcome.claimed());
    assertEquals(5, outcome.produced().size());
    assertEquals(5, TestDatabase.count("SELECT count(*) FROM kit_a_work WHERE status = 'done'"));
    assertEquals(new HashSet<>(outcome.produced()), ids("SELECT id FROM kit_b_work"));
    waitUntil(() -> announced.size() == 5);
    assertEquals(new HashSet<>(outcome.produced()), visibleWhenAnnounced);
    assertEquals(0, await(runner(first, Handoff.announce("kit_a.out")).run(ids)).claimed(), "nothing twice");
  }

  @Test
  @DisplayName("A failing batch is retried item by item: the poison is recorded as failed, the rest go on, each counted once")
  void poisonIsolated() throws Exception {
    ToyStage stage = toy("kit_a", ThreadingModel.EVENT_LOOP, Long.MAX_VALUE);
    List<UUID> ids = insert(stage, 4, 1);
    stage.poison.add(ids.get(1));

    StageOutcome outcome = await(runner(stage, Handoff.announce("kit_a.out")).run(ids));

    assertEquals(4, outcome.claimed());
    assertEquals(1, outcome.failed());
    assertEquals(3, outcome.produced().size());
    assertEquals("failed", TestDatabase.text("SELECT status FROM kit_a_work WHERE id = '" + ids.get(1) + "'"));
    assertEquals(3, TestDatabase.count("SELECT count(*) FROM kit_a_work WHERE status = 'done'"));
    assertEquals(3.0, counter("processed"));
    assertEquals(1.0, counter("failed"));
  }

  @Test
  @DisplayName("When the next stage's intake fails, the outcome is undone with it: nothing is done without its hand-off")
  void failedHandoffUndoesTheOutcome() throws Exception {
    ToyStage stage = toy("kit_a", ThreadingModel.EVENT_LOOP, Long.MAX_VALUE);
    List<UUID> ids = insert(stage, 3, 1);
    Intake refusing = (sql, produced) -> sql.query("SELECT 1 / 0").execute().mapEmpty();

    StageOutcome outcome = await(runner(stage, new Handoff("kit_a.out", refusing)).run(ids));

    assertEquals(3, outcome.failed());
    assertEquals(List.of(), outcome.produced());
    assertEquals(0, TestDatabase.count("SELECT count(*) FROM kit_a_work WHERE status = 'done' OR produced IS NOT NULL"));
  }

  @Test
  @DisplayName("Past the batch's weight budget, items are left unclaimed and handed back in order; one heavy item still moves")
  void weightBudget() throws Exception {
    ToyStage stage = toy("kit_a", ThreadingModel.EVENT_LOOP, 10);
    List<UUID> ids = insert(stage, 5, 4);
    StageRunner runner = runner(stage, Handoff.announce("kit_a.out"));

    StageOutcome first = await(runner.run(ids));
    assertEquals(2, first.claimed());
    assertEquals(ids.subList(2, 5), first.deferred());
    assertEquals(3, TestDatabase.count("SELECT count(*) FROM kit_a_work WHERE status = 'due'"));

    ToyStage heavy = toy("kit_b", ThreadingModel.EVENT_LOOP, 10);
    insert(heavy, 2, 50);
    assertEquals(1, await(runner(heavy, Handoff.announce("kit_b.out")).runDue(100, 0)).claimed());
  }

  @ParameterizedTest
  @EnumSource(value = ThreadingModel.class, names = {"EVENT_LOOP", "WORKER"})
  @DisplayName("Deployed as a pipeline: ids flow through two stages on their threading model, fast path and sweeper alike")
  void pipelineOfTwo(ThreadingModel threading) throws Exception {
    ToyStage first = toy("kit_a", threading, Long.MAX_VALUE);
    // The second stage listens where the first announces.
    ToyStage second = toy("kit_b", threading, "kit_a.out", Long.MAX_VALUE);
    Set<UUID> delivered = ConcurrentHashMap.newKeySet();
    await(vertx.eventBus().<String>consumer("kit_b.out", m -> delivered.add(UUID.fromString(m.body())))
        .completion());
    List<UUID> announced = insert(first, 20, 1);
    List<UUID> silent = insert(first, 10, 1);
    Pipeline pipeline = new Pipeline(vertx, List.of(first, second), registry);
    pipeline.watchBacklogs(pool);
    waitUntil(() -> gauge("kit_a") == 30.0);

    await(pipeline.deploy(pool, 6));
    // Ten are never announced: only the first stage's sweeper can find them.
    announced.forEach(id -> vertx.eventBus().send("kit_a.in", id.toString()));
    waitUntil(() -> delivered.size() == 30);

    assertEquals(30, TestDatabase.count("SELECT count(*) FROM kit_b_work WHERE status = 'done'"));
    assertEquals(Set.of(threading == ThreadingModel.WORKER ? "worker" : "event-loop"), first.threads);
    assertEquals(first.threads, second.threads);
    assertTrue(registry.get("alertgate.stage.batch").tag("stage", "kit_a").tag("path", "sweep").timer().count() > 0);
    assertTrue(registry.get("alertgate.stage.batch").tag("stage", "kit_b").tag("path", "fast").timer().count() > 0);
    assertEquals(30.0, registry.get("alertgate.stage.items").tag("stage", "kit_b").tag("outcome", "processed")
        .counter().count());
    await(pipeline.stop());
    assertTrue(silent.stream().allMatch(id -> "done".equals(
        TestDatabase.text("SELECT status FROM kit_a_work WHERE id = '" + id + "'"))));
  }

  private ToyStage toy(String name, ThreadingModel threading, long maxWeight) {
    return toy(name, threading, name + ".in", maxWeight);
  }

  private ToyStage toy(String name, ThreadingModel threading, String input, long maxWeight) {
    ToyStage stage = new ToyStage(name, threading, input, maxWeight);
    TestDatabase.execute(stage.schema());
    return stage;
  }

  private StageRunner runner(ToyStage stage, Handoff handoff) {
    return new StageRunner(vertx, pool, stage, handoff, registry);
  }

  /** Items due a second ago, so that a sweeper with its grace period takes them at once. */
  private static List<UUID> insert(ToyStage stage, int n, int weight) {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Time-ordered, as every id the gateway makes: claims go in id order, and PostgreSQL orders uuids unsigned.
      UUID id = TimeOrderedIds.next();
      TestDatabase.execute("INSERT INTO " + stage.table() + " (id, weight, due_at) VALUES ('" + id + "', " + weight
          + ", now() - interval '1 second' + make_interval(secs => " + i + " / 1000.0))");
      ids.add(id);
    }
    return ids;
  }

  private static Set<UUID> ids(String sql) throws Exception {
    Set<UUID> ids = new HashSet<>();
    try (var db = TestDatabase.connect(); var statement = db.createStatement(); var rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        ids.add(UUID.fromString(rows.getString(1)));
      }
    }
    return ids;
  }

  private double counter(String outcome) {
    return registry.get("alertgate.stage.items").tag("stage", "kit_a").tag("outcome", outcome).counter().count();
  }

  private double gauge(String stage) {
    return registry.get("alertgate.stage.backlog").tag("stage", stage).gauge().value();
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not reached in 30 s");
      Thread.sleep(20);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
