package io.alertgate.pipeline;

import io.alertgate.support.LogCapture;
import io.alertgate.support.PooledVertx;
import io.alertgate.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.alertgate.support.Eventually.waitUntil;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stage's sweepers hold back while a later stage has more than its bound due, so that a backlog moves through the
 * stages together; what is not due (a retry's later time) never holds anything, and a count that fails never stops
 * the sweeping.
 */
class BackpressureTest {

  private PooledVertx db;
  private SimpleMeterRegistry registry;
  private ToyStage first;
  private ToyStage later;

  @BeforeEach
  void setUp() {
    db = PooledVertx.open("backpressure", 4);
    registry = new SimpleMeterRegistry();
    first = toy("bp_a");
    later = toy("bp_b");
  }

  @AfterEach
  void tearDown() throws Exception {
    db.close();
  }

  @Test
  @DisplayName("Held only past the later stage's bound of due items; items due later and the stage itself never count")
  void holdsPastTheBound() throws Exception {
    int bound = Backpressure.bound(later);
    assertEquals(Backpressure.AHEAD_BATCHES * later.plan().maxBatch(), bound);
    Backpressure backpressure = backpressure();

    fill(later, bound, "now()");
    assertFalse(await(backpressure.holds(db.pool)), "at the bound");
    fill(later, 50, "now() + interval '1 hour'");
    assertFalse(await(backpressure.holds(db.pool)), "a retry's later time is not due");
    fill(first, bound * 2, "now()");
    assertFalse(await(backpressure.holds(db.pool)), "the stage's own backlog holds nothing back");
    fill(later, 1, "now()");
    assertTrue(await(backpressure.holds(db.pool)), "one past the bound");
    assertEquals(1.0, registry.get("alertgate.stage.held").tag("stage", "bp_a").counter().count());
  }

  @Test
  @DisplayName("A held sweeper takes nothing while the later stage is full, and goes on by itself once it is not")
  void sweeperWaitsForRoom() throws Exception {
    fill(later, Backpressure.bound(later) + 1, "now() - interval '1 second'");
    fill(first, 30, "now() - interval '1 second'");
    StageRunner runner = new StageRunner(db.vertx, db.pool, first, Handoff.announce("bp_a.out"), registry);
    await(db.vertx.deployVerticle(() -> new Sweeper(runner, backpressure(), db.pool),
        new DeploymentOptions().setThreadingModel(ThreadingModel.EVENT_LOOP)));

    waitUntil(() -> registry.get("alertgate.stage.held").counter().count() >= 3);
    assertEquals(30, TestDatabase.count("SELECT count(*) FROM bp_a_work WHERE status = 'due'"), "nothing taken");

    // The later stage works its backlog down.
    TestDatabase.execute("UPDATE bp_b_work SET status = 'done'");
    waitUntil(() -> TestDatabase.count("SELECT count(*) FROM bp_a_work WHERE status = 'due'") == 0);
  }

  @Test
  @DisplayName("A count that fails counts as room, with one WARN for the outage and one INFO when it works again")
  void failingCountIsRoom() throws Exception {
    Backpressure backpressure = backpressure();
    try (LogCapture log = LogCapture.attach()) {
      TestDatabase.execute("DROP TABLE bp_b_work");
      for (int i = 0; i < 3; i++) {
        assertFalse(await(backpressure.holds(db.pool)));
      }
      TestDatabase.execute(later.schema());
      assertFalse(await(backpressure.holds(db.pool)));
      List<String> lines = log.warnings();
      assertEquals(1, lines.size(), String.join("\n", lines));
      assertTrue(lines.get(0).contains("Counting the items due after bp_a: failing"), lines.get(0));
      assertTrue(log.text().contains("Counting the items due after bp_a: working again"), log.text());
    }
  }

  private Backpressure backpressure() {
    return new Backpressure(first.plan(), List.of(later), registry);
  }

  private static ToyStage toy(String name) {
    ToyStage stage = new ToyStage(name, ThreadingModel.EVENT_LOOP, name + ".in", Long.MAX_VALUE);
    TestDatabase.execute(stage.schema());
    return stage;
  }

  private static void fill(ToyStage stage, int n, String due) {
    TestDatabase.execute("INSERT INTO " + stage.table() + " (id, due_at) SELECT gen_random_uuid(), " + due
        + " FROM generate_series(1, " + n + ")");
  }
}
