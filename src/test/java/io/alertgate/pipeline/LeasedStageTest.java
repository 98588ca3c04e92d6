package io.alertgate.pipeline;

import io.alertgate.store.TimeOrderedIds;
import io.alertgate.support.PooledVertx;
import io.alertgate.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.alertgate.support.Eventually.waitUntil;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the kit gives a stage whose work is I/O: leases instead of open transactions, expiry, retry timers. */
class LeasedStageTest {

  private PooledVertx db;
  private SimpleMeterRegistry registry;

  @BeforeEach
  void setUp() {
    db = PooledVertx.open("leased", 4);
    registry = new SimpleMeterRegistry();
  }

  @AfterEach
  void tearDown() throws Exception {
    db.close();
  }

  @Test
  @DisplayName("The work runs with no transaction open and no row locked, and the outcome is written where the lease still holds")
  void workOutsideAnyTransaction() throws Exception {
    ToyLeasedStage stage = stage(Duration.ofSeconds(30), 5);
    List<UUID> ids = insert(stage, 3);
    AtomicLong openTransactions = new AtomicLong(-1);
    AtomicLong leasedVisible = new AtomicLong(-1);
    stage.duringWork(leases -> {
      // Blocking looks from the test's own event loop, while the stage's work is under way.
      openTransactions.set(TestDatabase.count("SELECT count(*) FROM pg_stat_activity"
          + " WHERE application_name = 'leased' AND state LIKE 'idle in transaction%'"));
      leasedVisible.set(TestDatabase.count("SELECT count(*) FROM leased_work WHERE lease_until > now()"));
    });
    StageRunner runner = new StageRunner(db.vertx, db.pool, stage, Handoff.announce("leased.out"), registry);

    StageOutcome outcome = await(runner.run(ids));

    assertEquals(3, outcome.produced().size());
    assertEquals(0, openTransactions.get(), "no transaction open while the work ran");
    assertEquals(3, leasedVisible.get(), "the leases were committed before the work began");
    assertEquals(3, TestDatabase.count("SELECT count(*) FROM leased_work WHERE status = 'done' AND lease_until IS NULL"));
    assertEquals(0, await(runner.run(ids)).claimed(), "nothing twice");
  }

  @Test
  @DisplayName("An item whose work never ends holds back no other: those settled are written at the deadline, it is swept after its lease")
  void expiredLeaseIsTakenAgain() throws Exception {
    ToyLeasedStage stage = stage(Duration.ofSeconds(4), 0);
    List<UUID> ids = insert(stage, 2);
    stage.hang.add(ids.get(0));
    Pipeline pipeline = new Pipeline(db.vertx, List.of(stage), registry);

    await(pipeline.deploy(db.pool, 4));
    waitUntil(() -> TestDatabase.count("SELECT count(*) FROM leased_work WHERE status = 'done'") == 2);
    await(pipeline.stop());

    assertEquals(1, TestDatabase.count("SELECT attempts FROM leased_work WHERE id = '" + ids.get(1) + "'"),
        "written at the first deadline, not redone with the item that hung");
    assertTrue(TestDatabase.count("SELECT attempts FROM leased_work WHERE id = '" + ids.get(0) + "'") >= 2);
  }

  @Test
  @DisplayName("An item whose lease was lost meanwhile is neither written nor announced by the batch that lost it")
  void lostLeaseWritesNothing() throws Exception {
    ToyLeasedStage stage = stage(Duration.ofSeconds(30), 5);
    List<UUID> ids = insert(stage, 2);
    // Another instance takes the first item while this batch works on it.
    stage.duringWork(leases -> TestDatabase.execute("UPDATE leased_work SET lease_token = gen_random_uuid()"
        + " WHERE id = '" + ids.get(0) + "'"));
    StageRunner runner = new StageRunner(db.vertx, db.pool, stage, Handoff.announce("leased.out"), registry);

    StageOutcome outcome = await(runner.run(ids));

    assertEquals(1, outcome.produced().size());
    assertEquals("due", TestDatabase.text("SELECT status FROM leased_work WHERE id = '" + ids.get(0) + "'"));
    assertEquals("done", TestDatabase.text("SELECT status FROM leased_work WHERE id = '" + ids.get(1) + "'"));
  }

  @Test
  @DisplayName("An item written back for later is run again by its fast path's timer, long before any sweep would")
  void retryOnATimer() throws Exception {
    // A sweeper that waits an hour: only the fast path's timer can bring the item back.
    ToyLeasedStage stage = stage(Duration.ofSeconds(30), 3600);
    Pipeline pipeline = new Pipeline(db.vertx, List.of(stage), registry);
    await(pipeline.deploy(db.pool, 4));
    List<UUID> ids = insert(stage, 2);
    stage.retryOnce.add(ids.get(1));

    long started = System.nanoTime();
    ids.forEach(id -> db.vertx.eventBus().send("leased.in", id.toString()));
    waitUntil(() -> TestDatabase.count("SELECT count(*) FROM leased_work WHERE status = 'done'") == 2);
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    await(pipeline.stop());

    assertEquals(2, TestDatabase.count("SELECT attempts FROM leased_work WHERE id = '" + ids.get(1) + "'"));
    assertTrue(tookMs >= 300, "not before the time it asked for: " + tookMs + " ms");
  }

  private ToyLeasedStage stage(Duration lease, double graceSeconds) {
    ToyLeasedStage stage = new ToyLeasedStage(db.vertx, "leased", lease, graceSeconds);
    TestDatabase.execute(stage.schema());
    return stage;
  }

  private static List<UUID> insert(ToyLeasedStage stage, int n) {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      UUID id = TimeOrderedIds.next();
      TestDatabase.execute("INSERT INTO " + stage.table() + " (id, due_at) VALUES ('" + id
          + "', now() - interval '1 second')");
      ids.add(id);
    }
    return ids;
  }
}
