package io.alertgate.pipeline;

import io.alertgate.store.TimeOrderedIds;
import io.alertgate.support.PooledVertx;
import io.alertgate.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import static io.alertgate.support.Eventually.waitUntil;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stage kit on its own, with toy stages on tables of their own: what every transactional stage gets from it. */
class StageKitTest {

  private PooledVertx db;
  private SimpleMeterRegistry registry;
  private final List<UUID> announced = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    db = PooledVertx.open("kit", 6);
    registry = new SimpleMeterRegistry();
  }

  @AfterEach
  void tearDown() throws Exception {
    db.close();
  }

  @Test
  @DisplayName("A batch writes its outcome and the next stage's work in one transaction, and announces it after the commit, once")
  void outcomeAndHandoffTogether() throws Exception {
    ToyStage first = toy("kit_a", ThreadingModel.EVENT_LOOP, Long.MAX_VALUE);
    ToyStage next = toy("kit_b", ThreadingModel.EVENT_LOOP, Long.MAX_VALUE);
    List<UUID> ids = insert(first, 5, 1);
    Set<UUID> visibleWhenAnnounced = ConcurrentHashMap.newKeySet();
    await(db.vertx.eventBus().<String>consumer("kit_a.out", message -> {
      UUID id = UUID.fromString(message.body());
      // A blocking look from the test's own handler: the next stage's row must be committed when its id arrives.
      if (TestDatabase.count("SELECT count(*) FROM kit_b_work WHERE id = '" + id + "'") == 1) {
        visibleWhenAnnounced.add(id);
      }
      announced.add(id);
    }).completion());
    // The hand-off waits until the test lets it go: meanwhile the transaction is open and nothing may be announced.
    Promise<Void> release = Promise.promise();
    Intake held = (sql, produced) -> release.future().compose(v -> next.intake().enqueue(sql, produced));

    Future<StageOutcome> running = runner(first, new Handoff("kit_a.out", held)).run(ids);
    waitUntil(() -> TestDatabase.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'kit'"
        + " AND state = 'idle in transaction'") == 1);
    Thread.sleep(200);
    assertEquals(List.of(), announced, "nothing announced before the commit");
    release.complete();
    StageOutcome outcome = await(running);

    assertEquals(5, outcome.claimed());
    assertEquals(5, TestDatabase.count("SELECT count(*) FROM kit_a_work WHERE status = 'done'"));
    assertEquals(new HashSet<>(outcome.produced()), ids("SELECT id FROM kit_b_work"));
    waitUntil(() -> announced.size() == 5);
    Thread.sleep(100);
    assertEquals(outcome.produced().size(), announced.size(), "each announced once");
    assertEquals(new HashSet<>(outcome.produced()), new HashSet<>(announced));
    assertEquals(new HashSet<>(outcome.produced()), visibleWhenAnnounced, "announced only once committed");
    assertEquals(0, await(runner(first, Handoff.announce("kit_a.out")).run(ids)).claimed(), "nothing twice");
  }

  @Test
  @DisplayName("A failing batch is retried item by item: the poison is recorded as failed, the rest go on, each counted and announced once")
  void poisonIsolated() throws Exception {
    ToyStage stage = toy("kit_a", ThreadingModel.EVENT_LOOP, Long.MAX_VALUE);
    List<UUID> ids = insert(stage, 4, 1);
    stage.poison.add(ids.get(1));
    listen("kit_a.out");

    StageOutcome outcome = await(runner(stage, Handoff.announce("kit_a.out")).run(ids));

    assertEquals(4, outcome.claimed());
    assertEquals(1, outcome.failed());
    assertEquals(3, outcome.produced().size());
    assertEquals("failed", TestDatabase.text("SELECT status FROM kit_a_work WHERE id = '" + ids.get(1) + "'"));
    assertEquals(3, TestDatabase.count("SELECT count(*) FROM kit_a_work WHERE status = 'done'"));
    assertEquals(3.0, counter("kit_a", "processed"));
    assertEquals(1.0, counter("kit_a", "failed"));
    waitUntil(() -> announced.size() == 3);
    Thread.sleep(100);
    assertEquals(new HashSet<>(outcome.produced()), new HashSet<>(announced));
    assertEquals(3, announced.size());
  }

  @Test
  @DisplayName("When the next stage's intake fails, nothing is done, announced or recorded as failed: the items stay due")
  void refusedHandoffLeavesItemsDue() throws Exception {
    ToyStage stage = toy("kit_a", ThreadingModel.EVENT_LOOP, Long.MAX_VALUE);
    List<UUID> ids = insert(stage, 3, 1);
    listen("kit_a.out");
    Intake refusing = (sql, produced) -> sql.query("SELECT 1 / 0").execute().mapEmpty();

    StageOutcome outcome = await(runner(stage, new Handoff("kit_a.out", refusing)).run(ids));
    ExecutionException alone = assertThrows(ExecutionException.class,
        () -> await(runner(stage, new Handoff("kit_a.out", refusing)).run(ids.subList(0, 1))));

    assertEquals(0, outcome.claimed(), "tried one by one, each refused, none settled");
    assertInstanceOf(HandoffRefused.class, alone.getCause());
    assertEquals(0.0, counter("kit_a", "failed"));
    assertEquals(3, TestDatabase.count("SELECT count(*) FROM kit_a_work WHERE status = 'due' AND produced IS NULL"));
    Thread.sleep(100);
    assertEquals(List.of(), announced);
  }

  @Test
  @DisplayName("A batch the next stage refuses as a whole is retried item by item, and what it takes one at a time goes on")
  void refusedBatchRetriedItemByItem() throws Exception {
    ToyStage stage = toy("kit_a", ThreadingModel.EVENT_LOOP, Long.MAX_VALUE);
    ToyStage next = toy("kit_b", ThreadingModel.EVENT_LOOP, Long.MAX_VALUE);
    List<UUID> ids = insert(stage, 3, 1);
    Intake onlySingles = (sql, produced) -> produced.size() > 1
        ? Future.failedFuture(new IllegalStateException("too many at once")) : next.intake().enqueue(sql, produced);

    StageOutcome outcome = await(runner(stage, new Handoff("kit_a.out", onlySingles)).run(ids));

    assertEquals(3, outcome.produced().size());
    assertEquals(3, TestDatabase.count("SELECT count(*) FROM kit_b_work"));
  }

  @Test
  @DisplayName("An item that fails alone for a passing reason (a lost connection) stays due; only its own fault fails it")
  void passingFaultsLeaveItemsDue() throws Exception {
    ToyStage stage = toy("kit_a", ThreadingModel.EVENT_LOOP, Long.MAX_VALUE);
    List<UUID> ids = insert(stage, 1, 1);
    stage.flaky.add(ids.get(0));

    assertThrows(ExecutionException.class, () -> await(runner(stage, Handoff.announce("kit_a.out")).run(ids)));

    assertEquals("due", TestDatabase.text("SELECT status FROM kit_a_work WHERE id = '" + ids.get(0) + "'"));
    assertEquals(0.0, counter("kit_a", "failed"));
  }

  @Test
  @DisplayName("Neither a give-up the database refuses nor a stage's counter that throws stops the others or undoes a commit")
  void failuresAfterTheFactStayContained() throws Exception {
    ToyStage stage = toy("kit_a", ThreadingModel.EVENT_LOOP, Long.MAX_VALUE);
    List<UUID> ids = insert(stage, 3, 1);
    stage.poison.add(ids.get(0));
    stage.giveUpFailures.set(1);
    stage.committedThrows = true;

    StageOutcome outcome = await(runner(stage, Handoff.announce("kit_a.out")).run(ids));

    assertEquals(2, outcome.produced().size());
    assertEquals("due", TestDatabase.text("SELECT status FROM kit_a_work WHERE id = '" + ids.get(0) + "'"),
        "left for the sweeper, since its failure could not be recorded");
    assertEquals(2, TestDatabase.count("SELECT count(*) FROM kit_a_work WHERE status = 'done'"));
    assertEquals(2.0, counter("kit_a", "processed"));
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
  @DisplayName("Deployed as a pipeline: ids flow through two stages on their threading model, by the fast path and by sweeping")
  void pipelineOfTwo(ThreadingModel threading) throws Exception {
    // A weight budget the fast path must defer past: it keeps what it deferred and takes it next.
    ToyStage first = toy("kit_a", threading, 10);
    // The second stage listens where the first announces.
    ToyStage second = toy("kit_b", threading, "kit_a.out", Long.MAX_VALUE);
    listen("kit_b.out");
    // Due only in an hour, as far as a sweeper knows: only the fast path can take these.
    List<UUID> announcedIds = insert(first, 20, 4, "now() + interval '1 hour'");
    List<UUID> silent = insert(first, 10, 1);
    Pipeline pipeline = new Pipeline(db.vertx, List.of(first, second), registry);
    pipeline.watchBacklogs(db.pool);
    waitUntil(() -> gauge("kit_a") == 30.0);

    await(pipeline.deploy(db.pool, 6));
    announcedIds.forEach(id -> db.vertx.eventBus().send("kit_a.in", id.toString()));
    waitUntil(() -> announced.size() == 30);
    await(pipeline.stop());

    assertEquals(30, TestDatabase.count("SELECT count(*) FROM kit_b_work WHERE status = 'done'"));
    assertEquals(30, TestDatabase.count("SELECT count(*) FROM kit_a_work WHERE status = 'done'"));
    assertEquals(Set.of(threading == ThreadingModel.WORKER ? "worker" : "event-loop"), first.threads);
    assertEquals(first.threads, second.threads);
    assertTrue(batches("kit_a", "fast") > 0, "the first stage's fast path ran");
    assertTrue(batches("kit_a", "sweep") > 0, "the first stage's sweeper ran");
    assertEquals(30.0, counter("kit_b", "processed"));
    assertTrue(silent.stream().allMatch(id -> "done".equals(
        TestDatabase.text("SELECT status FROM kit_a_work WHERE id = '" + id + "'"))));
  }

  @Test
  @DisplayName("A pipeline whose stage does not listen where the one before it announces is refused")
  void pipelineChecksTheChain() {
    ToyStage first = toy("kit_a", ThreadingModel.EVENT_LOOP, Long.MAX_VALUE);
    ToyStage deaf = toy("kit_b", ThreadingModel.EVENT_LOOP, "somewhere.else", Long.MAX_VALUE);
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new Pipeline(db.vertx, List.of(first, deaf), registry));
    assertEquals("Stage kit_b does not listen on kit_a.out, where kit_a announces its output", refused.getMessage());
  }

  private void listen(String address) throws Exception {
    await(db.vertx.eventBus().<String>consumer(address, m -> announced.add(UUID.fromString(m.body()))).completion());
  }

  private ToyStage toy(String name, ThreadingModel threading, long maxWeight) {
    return toy(name, threading, name + ".in", maxWeight);
  }

  private ToyStage toy(String name, ThreadingModel threading, String input, long maxWeight) {
    ToyStage stage = new ToyStage(name, threading, input, maxWeight);
    TestDatabase.execute(stage.schema());
    return stage;
  }

  private StageRunner runner(Stage stage, Handoff handoff) {
    return new StageRunner(db.vertx, db.pool, stage, handoff, registry);
  }

  /** Items due a second ago, so that a sweeper with its grace period takes them at once. */
  private static List<UUID> insert(ToyStage stage, int n, int weight) {
    return insert(stage, n, weight, "now() - interval '1 second'");
  }

  private static List<UUID> insert(ToyStage stage, int n, int weight, String due) {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Time-ordered, as every id the gateway makes: claims go in id order, and PostgreSQL orders uuids unsigned.
      UUID id = TimeOrderedIds.next();
      TestDatabase.execute("INSERT INTO " + stage.table() + " (id, weight, due_at) VALUES ('" + id + "', " + weight
          + ", " + due + " + make_interval(secs => " + i + " / 1000.0))");
      ids.add(id);
    }
    return ids;
  }

  static Set<UUID> ids(String sql) throws Exception {
    Set<UUID> ids = new HashSet<>();
    try (var db = TestDatabase.connect(); var statement = db.createStatement(); var rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        ids.add(UUID.fromString(rows.getString(1)));
      }
    }
    return ids;
  }

  private double counter(String stage, String outcome) {
    return registry.get("alertgate.stage.items").tag("stage", stage).tag("outcome", outcome).counter().count();
  }

  private long batches(String stage, String path) {
    return registry.get("alertgate.stage.batch").tag("stage", stage).tag("path", path).timer().count();
  }

  private double gauge(String stage) {
    return registry.get("alertgate.stage.backlog").tag("stage", stage).gauge().value();
  }


}
