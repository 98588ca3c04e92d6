package io.alertgate.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertgate.alert.StoredAlert;
import io.alertgate.alert.StoredAlerts;
import io.alertgate.bus.Addresses;
import io.alertgate.logging.LogFields;
import io.alertgate.pipeline.DueCount;
import io.alertgate.pipeline.Intake;
import io.alertgate.pipeline.LeasedStage;
import io.alertgate.pipeline.StageOutcome;
import io.alertgate.pipeline.StagePlan;
import io.alertgate.pipeline.Tally;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
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
import java.util.UUID;

/**
 * Between normalization and routing: each alert's indicators are looked up (see {@link Enricher}) and the answers
 * kept beside the alert, which its readers see as its document's {@code enrichment} ({@code StoredAlerts}), with a
 * verdict routing rules and destinations can use. The first
 * pass hands the alert to routing after at most its time budget, with what is known; what came late, or waited for
 * quota, is added by later passes, most severe alerts first, without routing the alert again. A
 * {@link LeasedStage}: lookups take seconds and must not hold a transaction.
 */
public final class EnrichStage implements LeasedStage {

  private static final String NAME = "enrich";
  // A batch is written when its slowest alert is done (an uncached lookup: hundreds of ms), so several batches run at
  // once, each of many alerts: measured with bench/relay.sh's enrichment mode, one fast path of 50 held the relay
  // to some 330 alerts/s.
  private static final int MAX_BATCH = 200;
  private static final int FAST_PATHS = 4;
  private static final ObjectMapper JSON = new ObjectMapper();
  // Later passes stop after this many, or a day: what is still missing then stays missing, said by the status.
  private static final int MAX_PASSES = 100;
  private static final Duration MAX_AGE = Duration.ofDays(1);

  private static final String ENQUEUE = """
      INSERT INTO alert_enrich (alert_id, severity_rank)
      SELECT id, CASE severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1
                  ELSE 0 END
      FROM alert WHERE id = ANY($1)
      ON CONFLICT DO NOTHING""";
  private static final String DUE = "e.done_at IS NULL AND e.next_attempt_at <= now()"
      + " AND (e.lease_until IS NULL OR e.lease_until < now())";
  private static final String LEASE = """
      UPDATE alert_enrich SET lease_until = now() + make_interval(secs => %1$s), lease_token = gen_random_uuid(),
                              next_attempt_at = now() + make_interval(secs => %1$s), attempts = attempts + 1
      WHERE alert_id IN (%2$s)
      RETURNING alert_id, 1, lease_token""";
  private static final String CLAIM_IDS = "SELECT e.alert_id FROM alert_enrich e WHERE e.alert_id = ANY($1) AND "
      + DUE + " ORDER BY e.alert_id FOR UPDATE SKIP LOCKED";
  // The most severe first: what waits for quota is served in that order.
  private static final String CLAIM_DUE = "SELECT e.alert_id FROM alert_enrich e WHERE " + DUE
      + " AND e.next_attempt_at < now() - make_interval(secs => $1)"
      + " ORDER BY e.severity_rank DESC, e.next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED";
  private static final String COUNT_DUE = DueCount.upTo("SELECT 1 FROM alert_enrich e WHERE " + DUE);
  private static final String LOAD = "SELECT alert_id, enriched_at IS NULL, attempts, queued_at FROM alert_enrich"
      + " WHERE alert_id = ANY($1)";
  // A batch's outcomes, one statement for all: only the rows whose lease is still this batch's are written. The
  // enrichment is kept here, beside the alert, whose readers add it to its document (V18, StoredAlerts).
  private static final String WRITE_ROWS = """
      UPDATE alert_enrich AS e SET enriched_at = coalesce(e.enriched_at, now()), status = w.status,
                                   enrichment = coalesce(w.enrichment, e.enrichment),
                                   done_at = CASE WHEN w.again IS NULL THEN now() END,
                                   next_attempt_at = coalesce(w.again, e.next_attempt_at), lease_until = NULL,
                                   lease_token = NULL
      FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[])
        AS w (alert_id, token, status, again, enrichment)
      WHERE e.alert_id = w.alert_id AND e.lease_token = w.token
      RETURNING e.alert_id""";
  // An alert not yet through its first pass is not done either: said so, the count reads the due index (the work
  // in progress), not the table's whole history.
  private static final String BACKLOG =
      "SELECT count(*) FROM alert_enrich WHERE done_at IS NULL AND enriched_at IS NULL";
  // Pending: not yet through its first pass. The others as that pass (or a later one) left them (Enricher).
  private static final String STATUS_COUNTS = """
      SELECT count(*) FILTER (WHERE enriched_at IS NULL) AS pending,
             count(*) FILTER (WHERE status = 'complete') AS complete,
             count(*) FILTER (WHERE status = 'partial') AS partial,
             count(*) FILTER (WHERE status = 'failed') AS failed,
             count(*) FILTER (WHERE status = 'skipped') AS skipped
      FROM alert_enrich WHERE alert_id >= $1""";

  private final Pool pool;
  private final Enricher enricher;
  private final Duration budget;
  private final String leaseSeconds;
  private final StagePlan plan;

  EnrichStage(Pool pool, Enricher enricher, Duration budget, long sweepIntervalMs, double graceSeconds) {
    this.pool = pool;
    this.enricher = enricher;
    this.budget = budget;
    // Long enough for the budget, the longest lookup the deadline allows, and the write after them.
    Duration lease = budget.plusSeconds(20).multipliedBy(5).dividedBy(4);
    this.leaseSeconds = Double.toString(lease.toMillis() / 1000.0);
    this.plan = StagePlan.named(NAME, ThreadingModel.EVENT_LOOP)
        .lane("normalized", List.of(Addresses.NORMALIZED))
        .instances(FAST_PATHS, 2)
        .batches(MAX_BATCH, Long.MAX_VALUE)
        .sweeping(sweepIntervalMs, graceSeconds)
        .leased(lease)
        .output(Addresses.ENRICHED)
        .itemsLoggedAs(LogFields.ALERT_ID)
        .build();
  }

  @Override
  public StagePlan plan() {
    return plan;
  }

  @Override
  public Intake intake() {
    return Intake.by(ENQUEUE);
  }

  @Override
  public Future<RowSet<Row>> claim(SqlConnection sql, List<UUID> ids) {
    return sql.preparedQuery(LEASE.formatted(leaseSeconds, CLAIM_IDS)).execute(Tuple.of(ids.toArray(UUID[]::new)));
  }

  @Override
  public Future<RowSet<Row>> claimDue(SqlConnection sql, int limit, double graceSeconds) {
    return sql.preparedQuery(LEASE.formatted(leaseSeconds, CLAIM_DUE)).execute(Tuple.of(graceSeconds, limit));
  }

  /** A leased alert: whether this is its first pass (routing waits for it), and how often it was taken. */
  private record Leased(boolean first, int passes, Instant queued) {}

  @Override
  public List<Future<Settlement>> perform(List<Lease> leases, Instant deadline) {
    List<UUID> ids = leases.stream().map(Lease::id).toList();
    Future<Map<UUID, Leased>> rows = pool.preparedQuery(LOAD).execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(found -> {
          Map<UUID, Leased> byId = new HashMap<>();
          found.forEach(row -> byId.put(row.getUUID(0), new Leased(row.getBoolean(1), row.getInteger(2),
              row.getOffsetDateTime(3).toInstant())));
          return byId;
        });
    Future<Map<UUID, StoredAlert>> alerts = StoredAlerts.load(pool, ids).map(loaded -> {
      Map<UUID, StoredAlert> byId = new HashMap<>();
      loaded.forEach(alert -> byId.put(alert.id(), alert));
      return byId;
    });
    Future<Void> both = Future.all(rows, alerts).mapEmpty();
    List<Future<Settlement>> work = new ArrayList<>(leases.size());
    for (Lease lease : leases) {
      work.add(both.compose(ready -> pass(lease, rows.result().get(lease.id()), alerts.result().get(lease.id()),
          deadline)));
    }
    return work;
  }

  private Future<Settlement> pass(Lease lease, Leased row, StoredAlert alert, Instant deadline) {
    if (row == null || alert == null) {
      // Its event is being reprocessed, or the row is gone: nothing to enrich, and routing takes the successor.
      return Future.succeededFuture(written(lease, row != null && row.first(), null, "skipped", null));
    }
    JsonNode indicators = indicators(alert.document());
    Duration wait = row.first() ? budget : Duration.between(Instant.now(), deadline);
    return enricher.enrich(indicators, wait, deadline).map(enrichment -> {
      boolean giveUp = row.passes() >= MAX_PASSES || row.queued().plus(MAX_AGE).isBefore(Instant.now());
      Instant again = giveUp ? null : enrichment.again().orElse(null);
      return written(lease, row.first(), enrichment.json().encode(), enrichment.json().getString("status"), again);
    });
  }

  /**
   * An alert's pass, over: its enrichment as JSON (null: none to write) and its row's state, written with the
   * batch's others while the lease is this batch's.
   */
  private record Written(Lease lease, boolean first, String enrichment, String status, Instant again)
      implements Settlement {
    @Override
    public Future<StageOutcome> write(SqlConnection sql) {
      return writePasses(sql, List.of(this));
    }
  }

  private static Settlement written(Lease lease, boolean first, String enrichment, String status, Instant again) {
    return new Written(lease, first, enrichment, status, again);
  }

  @Override
  public Future<StageOutcome> writeAll(SqlConnection sql, List<Settlement> settlements) {
    return writePasses(sql, settlements.stream().map(Written.class::cast).toList());
  }

  private static Future<StageOutcome> writePasses(SqlConnection sql, List<Written> passes) {
    int n = passes.size();
    UUID[] ids = new UUID[n];
    UUID[] tokens = new UUID[n];
    String[] statuses = new String[n];
    OffsetDateTime[] again = new OffsetDateTime[n];
    String[] enrichments = new String[n];
    Map<UUID, Written> byId = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Written pass = passes.get(i);
      ids[i] = pass.lease().id();
      tokens[i] = pass.lease().token();
      statuses[i] = pass.status();
      again[i] = pass.again() == null ? null : OffsetDateTime.ofInstant(pass.again(), ZoneOffset.UTC);
      enrichments[i] = pass.enrichment();
      byId.put(ids[i], pass);
    }
    Tuple rows = Tuple.tuple().addArrayOfUUID(ids).addArrayOfUUID(tokens).addArrayOfString(statuses)
        .addArrayOfOffsetDateTime(again).addArrayOfString(enrichments);
    return sql.preparedQuery(WRITE_ROWS).execute(rows).map(kept -> {
      // A pass whose row was not written lost its lease meanwhile: whoever holds it now writes.
      List<Written> ours = new ArrayList<>();
      kept.forEach(row -> ours.add(byId.get(row.getUUID(0))));
      return outcome(ours);
    });
  }

  /** First passes go on to routing; a pass with something still missing is due again when it may have come. */
  private static StageOutcome outcome(List<Written> passes) {
    List<UUID> routed = new ArrayList<>();
    Map<UUID, Instant> retries = new HashMap<>();
    for (Written pass : passes) {
      if (pass.first()) {
        routed.add(pass.lease().id());
      }
      if (pass.again() != null) {
        retries.put(pass.lease().id(), pass.again());
      }
    }
    StageOutcome outcome = routed.isEmpty() ? StageOutcome.NONE
        : StageOutcome.of(routed, Tally.of("_enrich", new Tally.Counts(routed.size(), 0, 0)));
    return retries.isEmpty() ? outcome : outcome.retrying(retries);
  }

  @Override
  public String backlogQuery() {
    return BACKLOG;
  }

  @Override
  public Future<Long> countDue(SqlClient client, int upTo) {
    return DueCount.read(client.preparedQuery(COUNT_DUE).execute(Tuple.of(upTo)));
  }

  @Override
  public String statusCountsQuery() {
    return STATUS_COUNTS;
  }

  private static JsonNode indicators(String document) {
    try {
      return JSON.readTree(document).path("indicators");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored alert document is not JSON", e);
    }
  }
}
