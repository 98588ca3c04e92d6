package io.alertgate.normalize;

import io.alertgate.bus.Addresses;
import io.alertgate.ingest.InboundEvent;
import io.alertgate.ingest.InboxWriter;
import io.alertgate.pipeline.Handoff;
import io.alertgate.pipeline.StageOutcome;
import io.alertgate.pipeline.StageRunner;
import io.alertgate.store.TimeOrderedIds;
import io.alertgate.support.PooledVertx;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stage on the kit's runner, on the real database: claims, the byte budget of a batch, and what it reports. */
class NormalizeStageTest {

  private static final int BODY_BYTES = 4_000;

  private PooledVertx db;

  @BeforeEach
  void setUp() {
    TestDatabase.truncate();
    db = PooledVertx.open("test", 4);
  }

  @AfterEach
  void tearDown() throws Exception {
    db.close();
  }

  @Test
  @DisplayName("A fast-path batch past its byte budget claims what fits and hands the rest back, in order, unclaimed")
  void fastPathDefersWhatIsOverBudget() throws Exception {
    // The fast path claims in id order (ids made in one millisecond are not ordered among themselves).
    List<UUID> ids = commit(5).stream().sorted().toList();
    // Two 4,000-byte bodies fit in 10,000 bytes; a third would not.
    StageRunner processor = runner(10_000);

    StageOutcome first = await(processor.run(ids));
    assertEquals(2, first.claimed());
    assertEquals(2, first.produced().size());
    assertEquals(ids.subList(2, 5), first.deferred());
    assertEquals(3, TestDatabase.count("SELECT count(*) FROM inbound_state WHERE status = 'received'"));

    StageOutcome second = await(processor.run(first.deferred()));
    assertEquals(2, second.claimed());
    assertEquals(ids.subList(4, 5), second.deferred());
    StageOutcome last = await(processor.run(second.deferred()));
    assertEquals(1, last.claimed());
    assertEquals(List.of(), last.deferred());
    assertEquals(5, TestDatabase.count("SELECT count(*) FROM inbound_state WHERE status = 'processed'"));
    assertEquals(5, TestDatabase.count("SELECT count(DISTINCT inbound_id) FROM alert"));
  }

  @Test
  @DisplayName("When the batch's transaction fails and its events are retried alone, those past the budget still come back")
  void deferredSurviveAFailedBatch() throws Exception {
    List<UUID> ids = commit(5).stream().sorted().toList();
    TestDatabase.execute("CREATE FUNCTION refuse_first() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + "IF NEW.inbound_id = '" + ids.get(0) + "' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$");
    TestDatabase.execute("CREATE TRIGGER refuse_first BEFORE INSERT ON alert FOR EACH ROW EXECUTE FUNCTION refuse_first()");
    StageOutcome outcome;
    try {
      outcome = await(runner(10_000).run(ids));
    } finally {
      TestDatabase.execute("DROP TRIGGER refuse_first ON alert");
      TestDatabase.execute("DROP FUNCTION refuse_first()");
    }
    assertEquals(2, outcome.claimed());
    assertEquals(1, outcome.failed());
    assertEquals(ids.subList(2, 5), outcome.deferred());
    assertEquals("failed", TestDatabase.text("SELECT status FROM inbound_state WHERE id = '" + ids.get(0) + "'"));
    assertEquals("processed", TestDatabase.text("SELECT status FROM inbound_state WHERE id = '" + ids.get(1) + "'"));
  }

  @Test
  @DisplayName("A body larger than the whole budget is still processed, alone")
  void oneOversizedBodyStillMoves() throws Exception {
    commit(3);
    StageRunner tight = runner(100);
    List<Integer> claims = new ArrayList<>();
    for (int claimed; (claimed = await(tight.runDue(500, 0)).claimed()) > 0; ) {
      claims.add(claimed);
    }
    assertEquals(List.of(1, 1, 1), claims);
    assertEquals(3, TestDatabase.count("SELECT count(*) FROM alert"));
  }

  @Test
  @DisplayName("The sweeper's claim keeps to the budget too, oldest first, and ids already processed are skipped")
  void sweeperKeepsToTheBudget() throws Exception {
    List<UUID> ids = commit(5);
    StageRunner processor = runner(10_000);
    await(processor.run(ids.subList(0, 1)));

    StageOutcome swept = await(processor.runDue(500, 0));
    assertEquals(2, swept.claimed());
    assertEquals("processed", TestDatabase.text("SELECT status FROM inbound_state WHERE id = '" + ids.get(2) + "'"));
    assertEquals("received", TestDatabase.text("SELECT status FROM inbound_state WHERE id = '" + ids.get(3) + "'"));
    assertEquals(2, await(processor.runDue(500, 0)).claimed());
    assertEquals(0, await(processor.runDue(500, 0)).claimed());
    assertEquals(0, await(processor.run(ids)).claimed(), "nothing is processed twice");
    assertEquals(5, TestDatabase.count("SELECT count(*) FROM alert"));
  }

  @Test
  @DisplayName("The sweeper's claim walks the pending index in order, even when statistics say nothing waits")
  void claimWalksThePendingIndex() throws Exception {
    // Statistics taken over an inbox where everything is processed, then a storm they know nothing of.
    TestDatabase.execute("INSERT INTO inbound_state (id, source, received_at, body_bytes, status)"
        + " SELECT gen_random_uuid(), 'elastic', now() - interval '1 day', 100, 'processed'"
        + " FROM generate_series(1, 20000)");
    TestDatabase.execute("ANALYZE inbound_state");
    TestDatabase.execute("INSERT INTO inbound_state (id, source, received_at, body_bytes)"
        + " SELECT gen_random_uuid(), 'elastic', now() - interval '1 hour', 100 FROM generate_series(1, 20000)");
    StringBuilder plan = new StringBuilder();
    try (java.sql.Connection db = TestDatabase.connect(); java.sql.Statement sql = db.createStatement()) {
      db.setAutoCommit(false);
      sql.execute(NormalizeStage.WALK_THE_PENDING_INDEX);
      sql.execute("PREPARE claim(float8, int, text[]) AS " + NormalizeStage.CLAIM_PENDING);
      try (java.sql.ResultSet rows = sql.executeQuery("EXPLAIN EXECUTE claim(5, 500, '{elastic}')")) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      db.rollback();
    }
    org.junit.jupiter.api.Assertions.assertTrue(plan.toString().contains("Index Scan using inbound_state_pending"),
        plan.toString());
    org.junit.jupiter.api.Assertions.assertFalse(plan.toString().contains("Sort"), plan.toString());
  }

  private StageRunner runner(long maxBatchBytes) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    return new StageRunner(db.vertx, db.pool, new NormalizeStage(TestConfigs.config(), registry, maxBatchBytes),
        Handoff.announce(Addresses.NORMALIZED), registry);
  }

  /** Commits n Elastic alerts of BODY_BYTES each through the ingest writer, a millisecond apart; their ids in order. */
  private List<UUID> commit(int n) throws Exception {
    InboxWriter writer = new InboxWriter(db.vertx, db.pool, new InboxWriter.Limits(100, 1 << 20, 100, 1 << 24, 1, 15_000));
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String head = "{\"kibana.alert.uuid\":\"budget-" + i + "\",\"kibana.alert.rule.name\":\"Budget\","
          + "\"kibana.alert.reason\":\"";
      String body = head + "r".repeat(BODY_BYTES - head.length() - 2) + "\"}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      InboundEvent event = new InboundEvent(TimeOrderedIds.next(), "elastic", "test:budget-" + i,
          Buffer.buffer(bytes), io.alertgate.digest.Digests.sha256(bytes), "{}", "127.0.0.1",
          OffsetDateTime.now(ZoneOffset.UTC).plusNanos(i * 1_000_000L));
      io.vertx.core.Promise<UUID> written = io.vertx.core.Promise.promise();
      db.vertx.runOnContext(v -> writer.write(event).map(outcome -> outcome.id()).onComplete(written));
      ids.add(await(written.future()));
    }
    return ids;
  }

}
