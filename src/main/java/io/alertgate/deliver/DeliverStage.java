package io.alertgate.deliver;

import io.alertgate.alert.EventType;
import io.alertgate.alert.StoredAlert;
import io.alertgate.alert.StoredAlerts;
import io.alertgate.bus.Addresses;
import io.alertgate.json.WireName;
import io.alertgate.logging.LogFields;
import io.alertgate.pipeline.DueCount;
import io.alertgate.pipeline.LeasedStage;
import io.alertgate.pipeline.Reasons;
import io.alertgate.pipeline.StageFigures;
import io.alertgate.pipeline.StageOutcome;
import io.alertgate.pipeline.StagePlan;
import io.alertgate.pipeline.Tally;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.alertgate.deliver.DeliveryStatus.PENDING;
import static io.alertgate.deliver.DeliveryStatus.RETRYING;

/**
 * The last stage: each routed delivery is handed to its destination's connector, and what the attempt came to is
 * written with the attempt's log: delivered, retrying at a time the retry policy chose, or dead with its reason.
 * Calls to other systems take seconds, so this is a {@link LeasedStage} on event loops: a delivery is leased while
 * its call runs, and one whose lease runs out (a crash, a hang) is taken again by a sweeper. Its destination's
 * idempotency key (the delivery id as {@code webhook-id}) makes a repeated call harmless.
 */
public final class DeliverStage implements LeasedStage {

  private static final String NAME = "deliver";
  // Per batch: with a fast path and a sweeper or two, a few batches run at once, and each destination's client
  // keeps as many connections as one batch can use (WebhookConnector), so no attempt waits for a connection long.
  private static final int MAX_BATCH = 64;
  private static final int FAST_PATHS = 2;
  private static final Duration ALERT_RETURNS = Duration.ofSeconds(5);
  /*
   * Due: waiting, its time come, not leased (or its lease run out), for a destination this gateway has (another
   * instance's, or one switched off here, stays waiting for whoever has it), and the oldest open delivery of its
   * incident at its destination, so that an update never overtakes its create, nor a resolve its trigger.
   */
  private static final String DUE = ("d.status IN (%1$s, %2$s) AND d.next_attempt_at <= now()"
      + " AND (d.lease_until IS NULL OR d.lease_until < now()) AND d.destination = ANY($%3$d)"
      + " AND NOT EXISTS (SELECT 1 FROM delivery e WHERE e.destination = d.destination"
      + " AND e.idempotency_key = d.idempotency_key AND e.status IN (%1$s, %2$s) AND e.seq < d.seq)");
  // A leased delivery is due again when its lease ends, no sooner: its next attempt time moves there, so that the
  // due index leaves it out (measured: with its time left in the past, a sweep under a storm read past every leased
  // row before finding one to take, 114 ms a claim, most of PostgreSQL's time).
  private static final String LEASE = """
      UPDATE delivery SET lease_until = now() + make_interval(secs => %1$s), lease_token = gen_random_uuid(),
                          next_attempt_at = now() + make_interval(secs => %1$s),
                          attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, now())
      WHERE id IN (%2$s)
      RETURNING id, 1, lease_token""";
  private static final String CLAIM_IDS = "SELECT d.id FROM delivery d WHERE d.id = ANY($1) AND "
      + DUE.formatted(PENDING.literal(), RETRYING.literal(), 2) + " ORDER BY d.id FOR UPDATE OF d SKIP LOCKED";
  private static final String CLAIM_DUE = "SELECT d.id FROM delivery d WHERE "
      + DUE.formatted(PENDING.literal(), RETRYING.literal(), 3)
      + " AND d.next_attempt_at < now() - make_interval(secs => $1) ORDER BY d.next_attempt_at LIMIT $2"
      + " FOR UPDATE OF d SKIP LOCKED";
  private static final String COUNT_DUE = DueCount.upTo("SELECT 1 FROM delivery d WHERE "
      + DUE.formatted(PENDING.literal(), RETRYING.literal(), 2));
  // With what an earlier delivery of its incident was called at the destination (an update goes there), and when it
  // was routed (for the latency from routing to delivered).
  private static final String LOAD = """
      SELECT d.id, d.alert_id, d.destination, d.idempotency_key, d.event_type, d.attempts - d.retries_from,
             d.first_attempt_at, d.created_at, d.action, d.request::text,
             (SELECT p.external_ref FROM delivery p WHERE p.destination = d.destination
                AND p.idempotency_key = d.idempotency_key AND p.seq < d.seq AND p.status = %s
                AND p.external_ref IS NOT NULL ORDER BY p.seq DESC LIMIT 1)
      FROM delivery d WHERE d.id = ANY($1)""".formatted(DeliveryStatus.DELIVERED.literal());
  /*
   * A batch's outcomes and their log entries together, in one statement, each only where its lease is still this
   * batch's. Answers a row per delivery written: its id, and, when it is over, the next delivery of its incident that
   * waited behind it, to be run at once. (A batch holds at most one delivery of an incident: only the oldest open one
   * is ever due.)
   */
  private static final String SETTLE = """
      WITH input AS (
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::int[], $6::text[], $7::text[],
                             $8::timestamptz[], $9::int[], $10::text[], $11::text[], $12::text[])
          AS i(id, token, status, next_at, last_status, error, ref, started, took, result, request, response)),
      settled AS (
        UPDATE delivery d SET status = i.status, next_attempt_at = coalesce(i.next_at, d.next_attempt_at),
                              last_status = i.last_status, last_error = i.error,
                              external_ref = coalesce(i.ref, d.external_ref),
                              finished_at = CASE WHEN i.next_at IS NULL THEN now() END, lease_until = NULL,
                              lease_token = NULL
        FROM input i WHERE d.id = i.id AND d.lease_token = i.token
        RETURNING d.id, d.attempts, d.destination, d.idempotency_key, d.finished_at, d.seq),
      logged AS (
        INSERT INTO delivery_attempt (delivery_id, attempt, started_at, duration_ms, result, status, error, request,
                                      response)
        SELECT s.id, s.attempts, i.started, i.took, i.result, i.last_status, i.error, i.request, i.response
        FROM settled s JOIN input i ON i.id = s.id)
      SELECT s.id,
             CASE WHEN s.finished_at IS NOT NULL THEN
               (SELECT n.id FROM delivery n WHERE n.destination = s.destination
                  AND n.idempotency_key = s.idempotency_key AND n.seq > s.seq AND n.status IN (%s, %s)
                ORDER BY n.seq LIMIT 1)
             END
      FROM settled s""".formatted(PENDING.literal(), RETRYING.literal());
  // The breaker was open: nothing was sent, so the attempt the lease counted is given back, and no log entry made.
  private static final String DEFER = """
      UPDATE delivery SET next_attempt_at = $3, attempts = attempts - 1, lease_until = NULL, lease_token = NULL,
                          first_attempt_at = CASE WHEN attempts - 1 = 0 THEN NULL ELSE first_attempt_at END
      WHERE id = $1 AND lease_token = $2
      RETURNING id""";
  private static final String BACKLOG = "SELECT count(*) FROM delivery WHERE status IN (%s, %s)"
      .formatted(PENDING.literal(), RETRYING.literal());
  private static final String STATUS_COUNTS = StageFigures.countsByStatusColumn("delivery", "id",
      WireName.all(DeliveryStatus.class));

  private final Pool pool;
  private final DeliveryMetrics metrics;
  private final Destinations destinations;
  private final Breakers breakers;
  private final RetryPolicy retries;
  private final String leaseSeconds;
  private final StagePlan plan;

  /**
   * @param destinations the destinations this gateway delivers to, as they are at each claim: deliveries to others
   *                     are left waiting
   * @param breakers     one circuit breaker a destination
   */
  public DeliverStage(Pool pool, Destinations destinations, Breakers breakers, RetryPolicy retries,
                      long sweepIntervalMs, double graceSeconds, MeterRegistry registry) {
    this.pool = pool;
    this.metrics = new DeliveryMetrics(registry);
    this.destinations = destinations;
    this.breakers = breakers;
    this.retries = retries;
    this.leaseSeconds = Double.toString(destinations.lease().toMillis() / 1000.0);
    this.plan = StagePlan.named(NAME, ThreadingModel.EVENT_LOOP)
        .lane("deliveries", List.of(Addresses.DELIVERIES))
        .instances(FAST_PATHS, 2)
        .batches(MAX_BATCH, Long.MAX_VALUE)
        .sweeping(sweepIntervalMs, graceSeconds)
        .leased(destinations.lease())
        .output(Addresses.DELIVERED)
        .itemsLoggedAs(LogFields.DELIVERY_ID)
        .build();
  }

  @Override
  public StagePlan plan() {
    return plan;
  }

  @Override
  public Future<RowSet<Row>> claim(SqlConnection sql, List<UUID> ids) {
    return sql.preparedQuery(LEASE.formatted(leaseSeconds, CLAIM_IDS))
        .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new)).addArrayOfString(names()));
  }

  @Override
  public Future<RowSet<Row>> claimDue(SqlConnection sql, int limit, double graceSeconds) {
    return sql.preparedQuery(LEASE.formatted(leaseSeconds, CLAIM_DUE))
        .execute(Tuple.tuple().addDouble(graceSeconds).addInteger(limit).addArrayOfString(names()));
  }

  private String[] names() {
    return destinations.names().toArray(String[]::new);
  }

  @Override
  public List<Future<Settlement>> perform(List<Lease> leases, Instant deadline) {
    Future<Map<UUID, Leased>> loaded = load(leases);
    List<Future<Settlement>> work = new ArrayList<>(leases.size());
    for (Lease lease : leases) {
      work.add(loaded.compose(rows -> attempt(lease, rows.get(lease.id()), deadline)));
    }
    return work;
  }

  /**
   * A leased delivery with what it is about: its alert (null when the alert is briefly absent, being reprocessed),
   * or the request an integration endpoint recorded. Its attempts are those since it was last replayed, this one
   * included.
   */
  private record Leased(UUID alertId, String destination, String idempotencyKey, EventType eventType, int attempts,
                        Instant firstAttempt, Instant routed, Incident incident, Optional<String> incidentRef,
                        JsonObject action) {}

  private Future<Map<UUID, Leased>> load(List<Lease> leases) {
    Tuple ids = Tuple.of(leases.stream().map(Lease::id).toArray(UUID[]::new));
    return pool.preparedQuery(LOAD).execute(ids).compose(rows -> {
      List<UUID> alertIds = new ArrayList<>();
      rows.forEach(row -> {
        if (row.getUUID(1) != null) {
          alertIds.add(row.getUUID(1));
        }
      });
      return StoredAlerts.load(pool, alertIds).map(alerts -> {
        Map<UUID, StoredAlert> byId = new HashMap<>();
        alerts.forEach(alert -> byId.put(alert.id(), alert));
        Map<UUID, Leased> leased = new HashMap<>();
        for (Row row : rows) {
          leased.put(row.getUUID(0), leased(row, byId.get(row.getUUID(1))));
        }
        return leased;
      });
    });
  }

  private static Leased leased(Row row, StoredAlert alert) {
    JsonObject recorded = row.getString(9) == null ? null : new JsonObject(row.getString(9));
    Incident incident = recorded != null ? ActionRequest.incident(recorded)
        : alert == null ? null : Incident.of(alert);
    JsonObject action = recorded != null ? ActionRequest.parameters(recorded) : new JsonObject();
    return new Leased(row.getUUID(1), row.getString(2), row.getString(3),
        WireName.parse(EventType.class, row.getString(4)), row.getInteger(5), row.getOffsetDateTime(6).toInstant(),
        row.getOffsetDateTime(7).toInstant(), incident, Optional.ofNullable(row.getString(10)), action);
  }

  private Future<Settlement> attempt(Lease lease, Leased delivery, Instant deadline) {
    Instant started = Instant.now();
    if (delivery == null) {
      return Future.succeededFuture(settle(lease, null, started, giveUp("the delivery is gone")));
    }
    if (delivery.incident() == null) {
      // Its event is being reprocessed: the alert comes back under the same id in a moment. If it never does (the
      // new normalization yields fewer alerts), the retries run out into dead.
      AttemptOutcome absent = new AttemptOutcome(AttemptResult.RETRYABLE, 0, null, Optional.of(ALERT_RETURNS),
          "its alert is being reprocessed or is gone", null, null);
      return Future.succeededFuture(settle(lease, delivery, started, decide(delivery, OptionalInt.empty(), absent)));
    }
    Optional<Destination> destination = destinations.destination(delivery.destination());
    if (destination.isEmpty()) {
      // Switched off or removed since the claim: it waits, untouched, for whoever has the destination.
      return Future.succeededFuture(deferred(lease, Instant.now().plus(ALERT_RETURNS)));
    }
    OptionalInt limit = destination.get().maxAttempts();
    if (delivery.attempts() > retries.limitedTo(limit).maxAttempts()) {
      // Leased more often than attempts allow: its outcome could not be written (or its calls never ended).
      return Future.succeededFuture(settle(lease, delivery, started, giveUp("no attempt could be completed in "
          + retries.limitedTo(limit).maxAttempts() + " tries")));
    }
    DeliveryRequest request = new DeliveryRequest(lease.id(), delivery.destination(), delivery.idempotencyKey(),
        delivery.attempts(), delivery.eventType(), delivery.incident(), delivery.incidentRef(), delivery.action(),
        deadline);
    DestinationBreaker breaker = breakers.of(delivery.destination());
    return breaker.attempt(() -> destination.get().connector().send(request)).map(outcome -> outcome
        .map(made -> settle(lease, delivery, started, decide(delivery, limit, made)))
        .orElseGet(() -> deferred(lease, breaker.reopensAt())));
  }

  /** What an attempt's outcome makes of the delivery. */
  private record Decision(DeliveryStatus status, Instant next, AttemptOutcome outcome) {}

  private Decision decide(Leased delivery, OptionalInt limit, AttemptOutcome outcome) {
    RetryPolicy policy = retries.limitedTo(limit);
    return switch (outcome.result()) {
      case DELIVERED -> new Decision(DeliveryStatus.DELIVERED, null, outcome);
      case PERMANENT -> new Decision(DeliveryStatus.DEAD, null, outcome);
      case RETRYABLE -> policy.next(delivery.attempts(), delivery.firstAttempt(), Instant.now(),
              outcome.retryAfter(), ThreadLocalRandom.current())
          .map(at -> new Decision(RETRYING, at, outcome))
          .orElseGet(() -> new Decision(DeliveryStatus.DEAD, null, exhausted(policy, outcome)));
    };
  }

  /** The last failure, said to be the last: attempts or age ran out after it. */
  private static AttemptOutcome exhausted(RetryPolicy policy, AttemptOutcome last) {
    return new AttemptOutcome(last.result(), last.status(), last.externalRef(), last.retryAfter(),
        "retries ran out (" + policy.maxAttempts() + " attempts or " + policy.maxAge().toHours() + " h); last: "
            + last.error(), last.request(), last.response());
  }

  private static Decision giveUp(String reason) {
    return new Decision(DeliveryStatus.DEAD, null, new AttemptOutcome(AttemptResult.PERMANENT, 0, null,
        Optional.empty(), reason, null, null));
  }

  /** Not attempted: back to waiting until the given time, its attempt not spent. */
  private record Deferred(Lease lease, Instant at) implements Settlement {
    @Override
    public Future<StageOutcome> write(SqlConnection sql) {
      Tuple row = Tuple.of(lease.id(), lease.token(), OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      return sql.preparedQuery(DEFER).execute(row).map(rows -> rows.size() == 0 ? StageOutcome.NONE
          : StageOutcome.NONE.retrying(Map.of(lease.id(), at)));
    }
  }

  private static Settlement deferred(Lease lease, Instant at) {
    return new Deferred(lease, at);
  }

  /** An attempt made (or given up without one), its outcome to be written with the batch's others. */
  private record Settled(DeliverStage stage, Lease lease, UUID alertId, String destination, Instant routed,
                         Instant started, Duration took, Decision decision) implements Settlement {
    @Override
    public Future<StageOutcome> write(SqlConnection sql) {
      return stage.writeSettled(sql, List.of(this));
    }
  }

  private Settlement settle(Lease lease, Leased delivery, Instant started, Decision decision) {
    return new Settled(this, lease, delivery == null ? null : delivery.alertId(),
        delivery == null ? "_unknown" : delivery.destination(),
        delivery == null ? null : delivery.routed(), started, Duration.between(started, Instant.now()), decision);
  }

  /** The attempts' outcomes in one statement; the deferred ones each in their own. */
  @Override
  public Future<StageOutcome> writeAll(SqlConnection sql, List<Settlement> settlements) {
    List<Settled> settled = new ArrayList<>();
    Future<StageOutcome> outcome = Future.succeededFuture(StageOutcome.NONE);
    for (Settlement settlement : settlements) {
      if (settlement instanceof Settled attempt) {
        settled.add(attempt);
      } else {
        outcome = outcome.compose(total -> settlement.write(sql).map(total::plus));
      }
    }
    return settled.isEmpty() ? outcome : outcome.compose(total -> writeSettled(sql, settled).map(total::plus));
  }

  private Future<StageOutcome> writeSettled(SqlConnection sql, List<Settled> settled) {
    int n = settled.size();
    UUID[] ids = new UUID[n];
    UUID[] tokens = new UUID[n];
    String[] statuses = new String[n];
    OffsetDateTime[] next = new OffsetDateTime[n];
    Integer[] lastStatus = new Integer[n];
    String[] errors = new String[n];
    String[] refs = new String[n];
    OffsetDateTime[] started = new OffsetDateTime[n];
    Integer[] took = new Integer[n];
    String[] results = new String[n];
    String[] requests = new String[n];
    String[] responses = new String[n];
    Map<UUID, Settled> byId = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Settled one = settled.get(i);
      AttemptOutcome outcome = one.decision().outcome();
      ids[i] = one.lease().id();
      tokens[i] = one.lease().token();
      statuses[i] = one.decision().status().wireName();
      next[i] = one.decision().next() == null ? null : OffsetDateTime.ofInstant(one.decision().next(), ZoneOffset.UTC);
      lastStatus[i] = outcome.status() == 0 ? null : outcome.status();
      errors[i] = Reasons.clip(outcome.error());
      refs[i] = Reasons.storable(outcome.externalRef());
      started[i] = OffsetDateTime.ofInstant(one.started(), ZoneOffset.UTC);
      took[i] = (int) Math.min(Integer.MAX_VALUE, one.took().toMillis());
      results[i] = outcome.result().wireName();
      requests[i] = Reasons.storable(outcome.request());
      responses[i] = Reasons.storable(outcome.response());
      byId.put(ids[i], one);
    }
    Tuple arrays = Tuple.tuple().addArrayOfUUID(ids).addArrayOfUUID(tokens).addArrayOfString(statuses)
        .addArrayOfOffsetDateTime(next).addArrayOfInteger(lastStatus).addArrayOfString(errors)
        .addArrayOfString(refs).addArrayOfOffsetDateTime(started).addArrayOfInteger(took)
        .addArrayOfString(results).addArrayOfString(requests).addArrayOfString(responses);
    return sql.preparedQuery(SETTLE).execute(arrays).map(rows -> {
      // A delivery with no row lost its lease meanwhile: whoever holds it now writes its outcome.
      StageOutcome total = StageOutcome.NONE;
      for (Row row : rows) {
        total = total.plus(written(byId.get(row.getUUID(0)), row.getUUID(1)));
      }
      return total;
    });
  }

  /** Counted by destination: delivered as processed, dead as failed; a retry is neither yet. */
  private StageOutcome written(Settled one, UUID next) {
    AttemptOutcome outcome = one.decision().outcome();
    UUID id = one.lease().id();
    metrics.attempted(one.destination(), outcome.result(), one.took());
    DeliveryLog.written(id, one.alertId(), one.destination(), one.decision().status(), outcome, one.took());
    StageOutcome settled = switch (one.decision().status()) {
      case DELIVERED -> {
        if (one.routed() != null) {
          metrics.delivered(one.destination(), Duration.between(one.routed(), Instant.now()));
        }
        yield StageOutcome.of(List.of(id), Tally.of(one.destination(), Tally.Counts.oneProcessed(0)));
      }
      case DEAD -> StageOutcome.of(List.of(), Tally.of(one.destination(), Tally.Counts.ONE_FAILED));
      default -> StageOutcome.NONE.retrying(Map.of(id, one.decision().next()));
    };
    return next == null ? settled : settled.retrying(Map.of(next, Instant.now()));
  }

  @Override
  public String backlogQuery() {
    return BACKLOG;
  }

  @Override
  public Future<Long> countDue(SqlClient client, int upTo) {
    return DueCount.read(client.preparedQuery(COUNT_DUE).execute(Tuple.tuple().addInteger(upTo)
        .addArrayOfString(names())));
  }

  @Override
  public String statusCountsQuery() {
    return STATUS_COUNTS;
  }

  /** {@code alertgate_deliveries_total{destination, outcome="delivered"|"dead"}}, once per commit. */
  @Override
  public void committed(Tally tally) {
    tally.byGroup().forEach(metrics::settled);
  }
}
