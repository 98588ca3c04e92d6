package io.alertgate.deliver;

import io.alertgate.bus.Addresses;
import io.alertgate.config.DestinationConfig;
import io.alertgate.net.Cidr;
import io.alertgate.net.TargetGuard;
import io.alertgate.pipeline.Handoff;
import io.alertgate.pipeline.Pipeline;
import io.alertgate.pipeline.StageOutcome;
import io.alertgate.pipeline.StageRunner;
import io.alertgate.store.TimeOrderedIds;
import io.alertgate.support.PooledVertx;
import io.alertgate.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static io.alertgate.support.Eventually.waitUntil;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delivery stage on the real database, through the webhook connector to a receiver on loopback. */
class DeliverStageTest {

  private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofHours(1), Duration.ofMillis(100),
      Duration.ofMillis(400), Duration.ofSeconds(2));

  private PooledVertx db;
  private HttpServer receiver;
  private final List<String> webhookIds = new CopyOnWriteArrayList<>();
  private final Queue<Consumer<HttpServerRequest>> script = new ConcurrentLinkedQueue<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Breakers breakers;

  @BeforeEach
  void setUp() throws Exception {
    TestDatabase.truncate();
    db = PooledVertx.open("deliver", 4);
    receiver = await(db.vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      webhookIds.add(request.getHeader("webhook-id"));
      Consumer<HttpServerRequest> answer = script.poll();
      if (answer == null) {
        request.response().setStatusCode(200).end();
      } else {
        answer.accept(request);
      }
    })).listen(0, "127.0.0.1"));
  }

  @AfterEach
  void tearDown() throws Exception {
    db.close();
  }

  @Test
  @DisplayName("A pending delivery is sent once, marked delivered with its reference, and its attempt logged")
  void delivers() throws Exception {
    UUID id = delivery("soc");
    StageOutcome outcome = await(runner(QUICK).run(List.of(id)));

    assertEquals(List.of(id), outcome.produced());
    assertEquals(List.of(id.toString()), webhookIds);
    assertEquals("delivered", status(id));
    assertEquals(id.toString(), TestDatabase.text("SELECT external_ref FROM delivery WHERE id = '" + id + "'"));
    assertEquals("1 delivered 200", TestDatabase.text("SELECT attempt || ' ' || result || ' ' || status"
        + " FROM delivery_attempt WHERE delivery_id = '" + id + "'"));
    assertEquals(0, await(runner(QUICK).run(List.of(id))).claimed(), "never twice");
    assertEquals(1.0, registry.get("alertgate.deliveries").tag("destination", "soc").tag("outcome", "delivered")
        .counter().count());
  }

  @Test
  @DisplayName("A refusal is dead at once with its reason; a destination this gateway does not have is left waiting")
  void deadLetters() throws Exception {
    script.add(request -> request.response().setStatusCode(400).end("bad field"));
    UUID refused = delivery("soc");
    UUID elsewhere = delivery("gone");

    await(runner(QUICK).run(List.of(refused, elsewhere)));

    assertEquals("dead", status(refused));
    assertEquals("the webhook answered 400", TestDatabase.text("SELECT last_error FROM delivery WHERE id = '"
        + refused + "'"));
    assertEquals("bad field", TestDatabase.text("SELECT response FROM delivery_attempt WHERE delivery_id = '"
        + refused + "'"));
    assertEquals("pending", status(elsewhere), "for an instance that has it");
    assertEquals(0, TestDatabase.count("SELECT attempts FROM delivery WHERE id = '" + elsewhere + "'"));
  }

  @Test
  @DisplayName("Deliveries of one incident go out in order: the next waits until the one before is delivered")
  void oneIncidentInOrder() throws Exception {
    script.add(request -> request.response().setStatusCode(503).end());
    UUID first = delivery("soc", "incident-7");
    UUID second = delivery("soc", "incident-7");

    await(runner(QUICK).run(List.of(first, second)));
    assertEquals("retrying", status(first));
    assertEquals("pending", status(second), "held behind the first");
    assertEquals(List.of(first.toString()), webhookIds);

    TestDatabase.execute("UPDATE delivery SET next_attempt_at = now() WHERE id = '" + first + "'");
    StageOutcome over = await(runner(QUICK).run(List.of(first, second)));
    assertEquals(Set.of(second), over.later().keySet(), "the one behind it is run at once, not left to a sweep");
    await(runner(QUICK).run(List.of(second)));
    assertEquals(List.of(first.toString(), first.toString(), second.toString()), webhookIds);
  }

  @Test
  @DisplayName("An answer with NUL bytes (a gzip body) is still written: the outcome is kept, not lost to the row")
  void nulBytesInAnAnswer() throws Exception {
    script.add(request -> request.response().setStatusCode(400)
        .end(Buffer.buffer(new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 'x'})));
    UUID refused = delivery("soc");
    await(runner(QUICK).run(List.of(refused)));

    assertEquals("dead", status(refused));
    assertTrue(TestDatabase.text("SELECT response FROM delivery_attempt WHERE delivery_id = '" + refused + "'")
        .contains("\uFFFD"));
  }

  @Test
  @DisplayName("An incident's order is the order its deliveries were written in, whatever their ids say")
  void orderIsInsertionOrder() throws Exception {
    UUID smaller = TimeOrderedIds.next();
    UUID larger = TimeOrderedIds.next();
    insertDelivery(larger, "soc", "incident-9");
    insertDelivery(smaller, "soc", "incident-9");

    await(runner(QUICK).run(List.of(smaller, larger)));
    assertEquals(List.of(larger.toString()), webhookIds, "the one written first goes first");
    assertEquals("pending", status(smaller));
  }

  @Test
  @DisplayName("A 503 is retried on the fast path's timer under the same webhook-id; attempts run out into dead")
  void retriesThenDelivers() throws Exception {
    script.add(request -> request.response().setStatusCode(503).end());
    UUID retried = delivery("soc");
    // A sweeper that waits a minute: the retries can only come from the fast path's timers.
    Pipeline pipeline = new Pipeline(db.vertx, List.of(stage(QUICK, 60)), registry);
    await(pipeline.deploy(db.pool, 4));

    db.vertx.eventBus().send(Addresses.DELIVERIES, retried.toString());
    waitUntil(() -> "delivered".equals(status(retried)));
    assertEquals(List.of(retried.toString(), retried.toString()), webhookIds);
    assertEquals("retryable 503, delivered 200", TestDatabase.text("SELECT string_agg(result || ' ' || status, ', '"
        + " ORDER BY attempt) FROM delivery_attempt WHERE delivery_id = '" + retried + "'"));

    for (int i = 0; i < 3; i++) {
      script.add(request -> request.response().setStatusCode(500).end());
    }
    UUID exhausted = delivery("soc");
    db.vertx.eventBus().send(Addresses.DELIVERIES, exhausted.toString());
    waitUntil(() -> "dead".equals(status(exhausted)));
    await(pipeline.stop());
    assertEquals(3, TestDatabase.count("SELECT count(*) FROM delivery_attempt WHERE delivery_id = '" + exhausted
        + "'"));
    assertTrue(TestDatabase.text("SELECT last_error FROM delivery WHERE id = '" + exhausted + "'")
        .startsWith("retries ran out (3 attempts or 1 h); last: the webhook answered 500"));
  }

  @Test
  @DisplayName("A delivery whose lease ran out with the process that held it is taken by a sweeper and delivered")
  void expiredLeaseAfterACrash() throws Exception {
    UUID inFlight = delivery("soc");
    // As a killed gateway leaves it: leased, one attempt begun, the lease run out.
    TestDatabase.execute("UPDATE delivery SET attempts = 1, first_attempt_at = now() - interval '2 minutes',"
        + " lease_until = now() - interval '1 second', lease_token = gen_random_uuid() WHERE id = '" + inFlight + "'");
    Pipeline pipeline = pipeline(QUICK);

    await(pipeline.deploy(db.pool, 4));
    waitUntil(() -> "delivered".equals(status(inFlight)));
    await(pipeline.stop());

    assertEquals(2, TestDatabase.count("SELECT attempts FROM delivery WHERE id = '" + inFlight + "'"));
    assertEquals(List.of(inFlight.toString()), webhookIds);
  }

  @Test
  @DisplayName("Five failures in a row open the breaker: the next delivery waits unsent with its attempt unspent,"
      + " and after the open period one probe closes it again")
  void breakerOpensAndRecovers() throws Exception {
    RetryPolicy patient = new RetryPolicy(10, Duration.ofHours(1), Duration.ofMillis(100), Duration.ofMillis(400),
        Duration.ofSeconds(2));
    for (int i = 0; i < 5; i++) {
      script.add(request -> request.response().setStatusCode(503).end());
    }
    for (int i = 0; i < 5; i++) {
      await(runner(patient).run(List.of(delivery("soc"))));
    }
    assertEquals(2.0, registry.get("alertgate.breaker.state").tag("destination", "soc").gauge().value(), "open");

    UUID waiting = delivery("soc");
    await(runner(patient).run(List.of(waiting)));
    assertEquals(5, webhookIds.size(), "nothing sent while open");
    assertEquals("pending", status(waiting));
    assertEquals(0, TestDatabase.count("SELECT attempts FROM delivery WHERE id = '" + waiting + "'"));
    assertEquals(0, TestDatabase.count("SELECT count(*) FROM delivery_attempt WHERE delivery_id = '" + waiting
        + "'"));
    assertTrue(TestDatabase.count("SELECT count(*) FROM delivery WHERE id = '" + waiting
        + "' AND next_attempt_at > now() + interval '500 milliseconds'") == 1, "waits for the breaker");

    Thread.sleep(1_100);
    TestDatabase.execute("UPDATE delivery SET next_attempt_at = now() WHERE id = '" + waiting + "'");
    await(runner(patient).run(List.of(waiting)));
    assertEquals("delivered", status(waiting), "the probe got through");
    assertEquals(0.0, registry.get("alertgate.breaker.state").tag("destination", "soc").gauge().value(), "closed");
  }

  @Test
  @DisplayName("Half of the last 20 attempts failing opens the breaker although no five failed in a row")
  void breakerOpensOnRatio() throws Exception {
    DestinationBreaker breaker = new DestinationBreaker(db.vertx, "ratio", Duration.ofSeconds(30),
        Clock.systemUTC());
    AttemptOutcome ok = new AttemptOutcome(AttemptResult.DELIVERED, 200, null, Optional.empty(), null,
        null, null);
    AttemptOutcome failed = new AttemptOutcome(AttemptResult.RETRYABLE, 503, null, Optional.empty(),
        "503", null, null);
    AttemptOutcome refused = new AttemptOutcome(AttemptResult.PERMANENT, 400, null, Optional.empty(),
        "400", null, null);
    for (int i = 0; i < 20; i++) {
      AttemptOutcome next = i % 2 == 0 ? failed : i % 4 == 1 ? ok : refused;
      assertTrue(await(breaker.attempt(() -> Future.succeededFuture(next))).isPresent());
    }
    assertEquals(CircuitBreakerState.OPEN, breaker.state());
    assertTrue(await(breaker.attempt(() -> Future.succeededFuture(ok))).isEmpty(), "not attempted");
    breaker.close();
  }

  private DeliverStage stage(RetryPolicy policy) {
    return stage(policy, 0);
  }

  private DeliverStage stage(RetryPolicy policy, double graceSeconds) {
    Destinations soc = Destinations.start(db.vertx, List.of(new DestinationConfig("soc", "webhook", true,
        new JsonObject().put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hook").put("timeout", 5))),
        new TargetGuard(db.vertx, List.of(Cidr.parse("127.0.0.0/8"))));
    if (breakers == null) {
      breakers = new Breakers(db.vertx, Duration.ofSeconds(1), registry);
    }
    return new DeliverStage(db.pool, soc, breakers, policy, 100, graceSeconds, registry);
  }

  private StageRunner runner(RetryPolicy policy) {
    return new StageRunner(db.vertx, db.pool, stage(policy), Handoff.announce(Addresses.DELIVERED), registry);
  }

  private Pipeline pipeline(RetryPolicy policy) {
    return new Pipeline(db.vertx, List.of(stage(policy)), registry);
  }

  /** An alert and a pending delivery of it to the destination; the delivery's id. */
  private static UUID delivery(String destination) {
    return delivery(destination, null);
  }

  /** With an incident key of its own unless one is given. */
  private static UUID delivery(String destination, String incident) {
    UUID id = TimeOrderedIds.next();
    insertDelivery(id, destination, incident);
    return id;
  }

  private static void insertDelivery(UUID id, String destination, String incident) {
    UUID alert = TimeOrderedIds.next();
    String key = incident != null ? incident : "elastic:r:" + alert;
    TestDatabase.execute("INSERT INTO alert (id, inbound_id, ordinal, source, severity, status, correlation_key,"
        + " occurred_at, doc) VALUES ('" + alert + "', '" + TimeOrderedIds.next() + "', 0, 'elastic', 'high', 'open',"
        + " 'elastic:r:" + alert + "', now(), '{\"title\":\"t\",\"indicators\":{}}')");
    TestDatabase.execute("INSERT INTO delivery (id, alert_id, destination, idempotency_key, event_type) VALUES ('"
        + id + "', '" + alert + "', '" + destination + "', '" + key + "', 'created')");
  }

  private static String status(UUID id) {
    return TestDatabase.text("SELECT status FROM delivery WHERE id = '" + id + "'");
  }
}
