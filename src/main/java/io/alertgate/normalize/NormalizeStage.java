package io.alertgate.normalize;

import io.alertgate.bus.Addresses;
import io.alertgate.config.GatewayConfig;
import io.alertgate.config.PipelineSettings;
import io.alertgate.config.Vendor;
import io.alertgate.logging.LogFields;
import io.alertgate.pipeline.DueCount;
import io.alertgate.pipeline.Reasons;
import io.alertgate.pipeline.StageFigures;
import io.alertgate.pipeline.StageOutcome;
import io.alertgate.pipeline.StagePlan;
import io.alertgate.pipeline.Tally;
import io.alertgate.pipeline.TransactionalStage;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.alertgate.normalize.InboundStatus.FAILED;
import static io.alertgate.normalize.InboundStatus.PROCESSED;
import static io.alertgate.normalize.InboundStatus.RECEIVED;

/**
 * The first stage: committed inbound events become alerts. Its work table is {@code inbound_state}, whose rows
 * ingest writes with the events; an event's alerts and its new status are written in the transaction that claimed
 * it, and a unique {@code (inbound_id, ordinal)} makes a second set of alerts impossible in the database itself.
 *
 * <p>Normalizing is CPU work, so the stage runs on worker threads: per core a fast path for each vendor's sources,
 * and three sweepers, so that while one normalizes in Java the others wait on the database (a 2-core drain measured
 * 16,800-17,200 events/s with two per core, 17,200-17,800 with three).
 */
public final class NormalizeStage implements TransactionalStage {

  private static final Logger LOG = LoggerFactory.getLogger(NormalizeStage.class);
  private static final String NAME = "normalize";
  private static final int MAX_BATCH = 500;
  // Per batch; with a batch in flight per sweeper and per fast-path instance, this bounds the bodies (and the
  // parse trees several times their size) the stage holds at once.
  private static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;
  private static final int SWEEPERS_PER_CORE = 3;

  // Only this gateway's sources: during a rolling change, another gateway's sources are left for it.
  private static final String CLAIM_IDS = """
      SELECT id, body_bytes FROM inbound_state
      WHERE id = ANY($1) AND status = %s AND source = ANY($2)
      ORDER BY id
      FOR UPDATE SKIP LOCKED""".formatted(RECEIVED.literal());

  // Oldest first, along the pending index.
  static final String CLAIM_PENDING = """
      SELECT id, body_bytes FROM inbound_state
      WHERE status = %s AND received_at < now() - make_interval(secs => $1) AND source = ANY($3)
      ORDER BY received_at
      LIMIT $2
      FOR UPDATE SKIP LOCKED""".formatted(RECEIVED.literal());

  /*
   * The claim must walk the pending index in order and stop after one batch. The planner only does so when it
   * believes many events are waiting; its statistics, taken while the inbox was nearly empty, say otherwise at the
   * start of an alert storm, and it then reads and sorts the whole backlog for every batch (measured: 106 µs per
   * claimed event instead of a few). For the claim alone, the plans that do that are ruled out.
   */
  static final String WALK_THE_PENDING_INDEX = "SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off";
  // The settings last the rest of this short transaction, and plans PostgreSQL caches for the connection may be
  // made under them. That is harmless here: the statements after the claim read and write rows by id, best done
  // along the primary key without a sort either way. Setting them back after the claim measured 7% slower.

  // Claims lock state rows only: the event rows are written once, at ingest, and only ever read after that.
  private static final String LOAD_BODIES = """
      SELECT id, source, body, received_at FROM inbound_event WHERE id = ANY($1) ORDER BY id""";

  // The ids a reprocessed event's alerts had, by place: rows only for events ever reprocessed, so it costs a batch
  // one probe of a small table. They stay, so that an event reprocessed again keeps its ids however often.
  private static final String KEPT_IDS = """
      SELECT inbound_id, ordinal, alert_id FROM alert_identity WHERE inbound_id = ANY($1)""";

  private static final String MARK_FAILED = """
      UPDATE inbound_state SET status = %s, error = $2, processed_at = now()
      WHERE id = $1 AND status = %s
      RETURNING source""".formatted(FAILED.literal(), RECEIVED.literal());

  private static final String INSERT_ALERTS = """
      INSERT INTO alert (id, inbound_id, ordinal, source, severity, status, correlation_key, occurred_at, doc)
      SELECT a.id, a.inbound_id, a.ordinal, a.source, a.severity, a.status, a.correlation_key, a.occurred_at, a.doc
      FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
                  $8::timestamptz[], $9::text[])
           AS a(id, inbound_id, ordinal, source, severity, status, correlation_key, occurred_at, doc)""";

  private static final String MARK = """
      UPDATE inbound_state s SET status = m.status, error = m.error, processed_at = now()
      FROM unnest($1::uuid[], $2::text[], $3::text[]) AS m(id, status, error)
      WHERE s.id = m.id""";

  private static final String BACKLOG = "SELECT count(*) FROM inbound_state WHERE status = " + RECEIVED.literal();
  // This gateway's sources, as its claims, along the pending index.
  private static final String COUNT_DUE = DueCount.upTo("SELECT 1 FROM inbound_state WHERE status = "
      + RECEIVED.literal() + " AND source = ANY($2)");
  private static final String STATUS_COUNTS = StageFigures.countsByStatusColumn("inbound_state", "id",
      InboundStatus.wireNames());

  private final StagePlan plan;
  private final String[] sources;
  private final InboundNormalizer normalizer;
  private final NormalizeMetrics metrics;

  public NormalizeStage(GatewayConfig config, MeterRegistry registry) {
    this(config, registry, MAX_BATCH_BYTES);
  }

  /** With the bodies of one batch bounded to maxBatchBytes in memory (one body alone may exceed it). */
  NormalizeStage(GatewayConfig config, MeterRegistry registry, long maxBatchBytes) {
    VendorNormalizers normalizers = new VendorNormalizers(config);
    this.sources = normalizers.sources();
    this.normalizer = new InboundNormalizer(normalizers);
    this.metrics = new NormalizeMetrics(registry);
    int cores = Runtime.getRuntime().availableProcessors();
    PipelineSettings settings = config.pipeline();
    StagePlan.Builder plan = StagePlan.named(NAME, ThreadingModel.WORKER)
        .instances(cores, cores * SWEEPERS_PER_CORE)
        .batches(MAX_BATCH, maxBatchBytes)
        .sweeping(settings.sweepIntervalMs(), settings.graceSeconds())
        .output(Addresses.NORMALIZED)
        .itemsLoggedAs(LogFields.INBOUND_ID)
        .backlogAlias("alertgate.inbound.backlog", "Inbound events committed and not yet normalized (all instances)");
    // One lane per vendor, on the inbox addresses of its sources: a large Splunk batch never holds up Elastic's.
    Map<Vendor, List<String>> byVendor = new EnumMap<>(Vendor.class);
    config.sources().values().forEach(source ->
        byVendor.computeIfAbsent(source.vendor(), v -> new ArrayList<>()).add(Addresses.inbox(source.name())));
    byVendor.forEach((vendor, addresses) -> plan.lane(vendor.configName(), addresses));
    this.plan = plan.build();
  }

  @Override
  public StagePlan plan() {
    return plan;
  }

  @Override
  public Future<RowSet<Row>> claim(SqlConnection sql, List<UUID> ids) {
    return sql.preparedQuery(CLAIM_IDS).execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new))
        .addArrayOfString(sources));
  }

  @Override
  public Future<RowSet<Row>> claimDue(SqlConnection sql, int limit, double graceSeconds) {
    Tuple claim = Tuple.tuple().addDouble(graceSeconds).addInteger(limit).addArrayOfString(sources);
    return sql.query(WALK_THE_PENDING_INDEX).execute()
        .compose(set -> sql.preparedQuery(CLAIM_PENDING).execute(claim));
  }

  @Override
  public Future<StageOutcome> process(SqlConnection sql, List<UUID> claimed) {
    Tuple ids = Tuple.tuple().addArrayOfUUID(claimed.toArray(UUID[]::new));
    return sql.preparedQuery(KEPT_IDS).execute(ids).compose(kept -> {
      AlertIds alertIds = new AlertIds(kept);
      return sql.preparedQuery(LOAD_BODIES).execute(ids).compose(rows -> write(sql, rows, alertIds));
    });
  }

  private Future<StageOutcome> write(SqlConnection sql, RowSet<Row> events, AlertIds alertIds) {
    AlertRows alerts = new AlertRows();
    List<UUID> eventIds = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Tally.Builder tally = new Tally.Builder();
    for (Row row : events) {
      UUID id = row.getUUID(0);
      String source = row.getString(1);
      Instant receivedAt = row.getOffsetDateTime(3).toInstant();
      int alertsBefore = alerts.size();
      String error = normalizer.normalize(id, source, row.getBuffer(2).getBytes(), receivedAt, alerts, alertIds);
      tally.add(source, error == null ? Tally.Counts.oneProcessed(alerts.size() - alertsBefore)
          : Tally.Counts.ONE_FAILED);
      eventIds.add(id);
      statuses.add((error == null ? PROCESSED : FAILED).wireName());
      errors.add(error);
      if (error != null) {
        LogFields.inbound(LOG.atWarn(), id, source).log("Inbound event {} from {} could not be normalized: {}", id,
            source, error);
      }
    }
    if (eventIds.isEmpty()) {
      return Future.succeededFuture(StageOutcome.NONE);
    }
    // An event waiting here has no alerts: they are only written with its 'processed', and reprocessing deletes
    // them in the same transaction that sets it back to 'received' (InboundEvents).
    Future<?> inserted = alerts.isEmpty() ? Future.succeededFuture()
        : sql.preparedQuery(INSERT_ALERTS).execute(alerts.tuple());
    return inserted
        .compose(v -> sql.preparedQuery(MARK).execute(Tuple.tuple()
            .addArrayOfUUID(eventIds.toArray(UUID[]::new))
            .addArrayOfString(statuses.toArray(String[]::new))
            .addArrayOfString(errors.toArray(String[]::new))))
        .map(v -> StageOutcome.of(alerts.ids(), tally.build()));
  }

  @Override
  public Future<Tally> giveUp(SqlClient client, UUID id, Throwable failure) {
    String reason = Reasons.clip("$: could not be stored as alerts (" + failure.getMessage()
        + "); reprocess after a fix");
    return client.preparedQuery(MARK_FAILED).execute(Tuple.of(id, reason))
        // No row when the event was meanwhile processed or reset elsewhere.
        .map(rows -> rows.size() == 0 ? Tally.NONE
            : Tally.of(rows.iterator().next().getString(0), Tally.Counts.ONE_FAILED));
  }

  @Override
  public String backlogQuery() {
    return BACKLOG;
  }

  @Override
  public Future<Long> countDue(SqlClient client, int upTo) {
    return DueCount.read(client.preparedQuery(COUNT_DUE).execute(Tuple.tuple().addInteger(upTo)
        .addArrayOfString(sources)));
  }

  @Override
  public String statusCountsQuery() {
    return STATUS_COUNTS;
  }

  @Override
  public void committed(Tally tally) {
    metrics.record(tally);
  }
}
