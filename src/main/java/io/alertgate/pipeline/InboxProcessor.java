package io.alertgate.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertgate.normalize.AlertDraft;
import io.alertgate.normalize.NormalizationException;
import io.alertgate.normalize.Normalizer;
import io.alertgate.store.TimeOrderedIds;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns committed inbound events into alerts. Each call claims its events' state rows with
 * {@code FOR UPDATE SKIP LOCKED}, so the row lock is the lease: held for the transaction, gone with it if the process dies, and skipped by every
 * other claimant meanwhile. Alerts and the events' new status are written in that same transaction, so an event
 * is processed exactly once: committed with its alerts, or not at all.
 */
public final class InboxProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(InboxProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  // The mapper's own writer, not JsonNode.toString(): that one takes a slower, non-recursive route (measured 20%).
  private static final ObjectWriter WRITER = JSON.writer();
  private static final int MAX_ERROR = 1_000;
  // Per batch; with a batch in flight per sweeper and per fast-path instance, this bounds the bodies (and the
  // parse trees several times their size) the pipeline holds at once.
  private static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;

  // Only this gateway's sources: during a rolling change, another gateway's sources are left for it.
  private static final String CLAIM_IDS = """
      SELECT id, body_bytes FROM inbound_state
      WHERE id = ANY($1) AND status = 'received' AND source = ANY($2)
      ORDER BY id
      FOR UPDATE SKIP LOCKED""";

  // Oldest first, along the pending index.
  static final String CLAIM_PENDING = """
      SELECT id, body_bytes FROM inbound_state
      WHERE status = 'received' AND received_at < now() - make_interval(secs => $1) AND source = ANY($3)
      ORDER BY received_at
      LIMIT $2
      FOR UPDATE SKIP LOCKED""";

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

  private static final String MARK_FAILED = """
      UPDATE inbound_state SET status = 'failed', error = $2, processed_at = now()
      WHERE id = $1 AND status = 'received'
      RETURNING source""";

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

  private final Pool pool;
  private final VendorNormalizers normalizers;
  private final PipelineMetrics metrics;
  private final long maxBatchBytes;

  public InboxProcessor(Pool pool, VendorNormalizers normalizers, PipelineMetrics metrics) {
    this(pool, normalizers, metrics, MAX_BATCH_BYTES);
  }

  /** With the bodies of one batch bounded to maxBatchBytes in memory (one body alone may exceed it). */
  InboxProcessor(Pool pool, VendorNormalizers normalizers, PipelineMetrics metrics, long maxBatchBytes) {
    this.pool = pool;
    this.normalizers = normalizers;
    this.metrics = metrics;
    this.maxBatchBytes = maxBatchBytes;
  }

  /**
   * The fast path: processes those of these events that are still waiting and not claimed elsewhere, in id order.
   * Events beyond the batch's byte budget are left unclaimed and reported as deferred, for the caller's next batch.
   */
  public Future<Outcome> process(List<UUID> ids) {
    Tuple claim = Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new)).addArrayOfString(normalizers.sources());
    return claimAndWrite(sql -> sql.preparedQuery(CLAIM_IDS).execute(claim));
  }

  /**
   * The recovery path: events older than the grace period that nobody processed (lost message, crash). The claim
   * holds its row locks while the batch is processed, so parallel sweepers take different events.
   */
  public Future<Outcome> processPending(int limit, double graceSeconds) {
    Tuple claim = Tuple.tuple().addDouble(graceSeconds).addInteger(limit).addArrayOfString(normalizers.sources());
    return claimAndWrite(sql -> sql.query(WALK_THE_PENDING_INDEX).execute()
        .compose(set -> sql.preparedQuery(CLAIM_PENDING).execute(claim)));
  }

  /**
   * Claims state rows (id, body size) with the given query, loads the bodies of those that fit the byte budget and
   * writes their alerts; the rest are released at the commit. If the transaction fails, each event it attempted is
   * tried alone, so one event the database refuses cannot hold back the others.
   */
  private Future<Outcome> claimAndWrite(Function<SqlConnection, Future<RowSet<Row>>> claim) {
    List<UUID> attempted = new ArrayList<>();
    List<UUID> deferred = new ArrayList<>();
    return pool.withTransaction(sql -> claim.apply(sql).compose(claimed -> {
          splitByBudget(claimed, attempted, deferred);
          if (attempted.isEmpty()) {
            return Future.succeededFuture(Outcome.NONE);
          }
          return sql.preparedQuery(LOAD_BODIES)
              .execute(Tuple.tuple().addArrayOfUUID(attempted.toArray(UUID[]::new)))
              .compose(rows -> write(sql, rows));
        }))
        .map(outcome -> {
          metrics.record(outcome.tally());
          return outcome;
        })
        .recover(failure -> attempted.isEmpty() ? Future.failedFuture(failure)
            : attempted.size() == 1 ? markFailed(attempted.get(0), failure) : oneByOne(attempted, failure))
        // Whether the batch committed or was retried event by event, the events past the budget are still waiting.
        .map(outcome -> outcome.deferring(deferred));
  }

  /** The first claimed rows whose bodies fit the budget (always at least one, however large), then the rest. */
  private void splitByBudget(RowSet<Row> claimed, List<UUID> within, List<UUID> beyond) {
    long bytes = 0;
    for (Row row : claimed) {
      bytes += row.getInteger(1);
      boolean fits = within.isEmpty() || (beyond.isEmpty() && bytes <= maxBatchBytes);
      (fits ? within : beyond).add(row.getUUID(0));
    }
  }

  private Future<Outcome> oneByOne(List<UUID> ids, Throwable batchFailure) {
    LOG.warn("A batch of {} inbound events failed ({}); processing them one at a time", ids.size(),
        batchFailure.getMessage());
    Future<Outcome> chain = Future.succeededFuture(Outcome.NONE);
    for (UUID id : ids) {
      chain = chain.compose(total -> process(List.of(id)).map(one -> total.plus(one)));
    }
    return chain;
  }

  /** The event failed even alone: record why, in a transaction of its own, so it is not retried for ever. */
  private Future<Outcome> markFailed(UUID id, Throwable failure) {
    String reason = clip("$: could not be stored as alerts (" + failure.getMessage() + "); reprocess after a fix");
    LOG.error("Inbound event {} could not be stored as alerts: {}", id, failure.getMessage());
    return pool.preparedQuery(MARK_FAILED).execute(Tuple.of(id, reason))
        .map(rows -> {
          // No row when the event was meanwhile processed or reset elsewhere.
          PipelineMetrics.Tally tally = rows.size() == 0 ? PipelineMetrics.Tally.NONE
              : PipelineMetrics.Tally.of(rows.iterator().next().getString(0), new PipelineMetrics.Counts(0, 1, 0));
          metrics.record(tally);
          return new Outcome(List.of(), List.of(), tally);
        });
  }

  /**
   * What a call did: alert ids written (to publish after the commit), events left unclaimed because the batch's
   * byte budget was spent, and per source the events processed or failed and their alerts.
   */
  public record Outcome(List<UUID> alertIds, List<UUID> deferred, PipelineMetrics.Tally tally) {

    static final Outcome NONE = new Outcome(List.of(), List.of(), PipelineMetrics.Tally.NONE);

    /** Events this call took from the inbox, processed or failed. */
    public int claimed() {
      return (int) tally.bySource().values().stream().mapToLong(c -> c.processed() + c.failed()).sum();
    }

    public int failed() {
      return (int) tally.bySource().values().stream().mapToLong(PipelineMetrics.Counts::failed).sum();
    }

    Outcome plus(Outcome other) {
      List<UUID> ids = new ArrayList<>(alertIds);
      ids.addAll(other.alertIds);
      List<UUID> later = new ArrayList<>(deferred);
      later.addAll(other.deferred);
      return new Outcome(ids, later, tally.plus(other.tally));
    }

    Outcome deferring(List<UUID> later) {
      return later.isEmpty() ? this : plus(new Outcome(List.of(), later, PipelineMetrics.Tally.NONE));
    }
  }

  private Future<Outcome> write(SqlConnection sql, RowSet<Row> claimed) {
    AlertColumns alerts = new AlertColumns();
    List<UUID> eventIds = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Map<String, PipelineMetrics.Counts> counts = new HashMap<>();
    for (Row row : claimed) {
      UUID id = row.getUUID(0);
      String source = row.getString(1);
      Instant receivedAt = row.getOffsetDateTime(3).toInstant();
      int alertsBefore = alerts.ids().size();
      String error = normalize(id, source, row.getBuffer(2).getBytes(), receivedAt, alerts);
      counts.merge(source, error == null ? new PipelineMetrics.Counts(1, 0, alerts.ids().size() - alertsBefore)
          : new PipelineMetrics.Counts(0, 1, 0), PipelineMetrics.Counts::plus);
      eventIds.add(id);
      statuses.add(error == null ? "processed" : "failed");
      errors.add(error);
      if (error != null) {
        LOG.warn("Inbound event {} from {} could not be normalized: {}", id, source, error);
      }
    }
    if (eventIds.isEmpty()) {
      return Future.succeededFuture(Outcome.NONE);
    }
    // An event waiting here has no alerts: they are only written with its 'processed', and reprocessing deletes
    // them in the same transaction that sets it back to 'received' (InboundRoutes).
    Future<?> inserted = alerts.isEmpty() ? Future.succeededFuture() : sql.preparedQuery(INSERT_ALERTS).execute(alerts.tuple());
    return inserted
        .compose(v -> sql.preparedQuery(MARK).execute(Tuple.tuple()
            .addArrayOfUUID(eventIds.toArray(UUID[]::new))
            .addArrayOfString(statuses.toArray(String[]::new))
            .addArrayOfString(errors.toArray(String[]::new))))
        .map(v -> new Outcome(alerts.ids(), List.of(), new PipelineMetrics.Tally(Map.copyOf(counts))));
  }

  /** Adds the event's alerts to the columns; returns null on success, else the reason it failed. */
  private String normalize(UUID id, String source, byte[] body, Instant receivedAt, AlertColumns alerts) {
    Normalizer normalizer = normalizers.forSource(source).orElse(null);
    if (normalizer == null) {
      return "$: no normalizer for source '" + source + "' (is it still configured?)";
    }
    try {
      JsonNode document = JSON.readTree(body);
      List<AlertDraft> drafts = normalizer.normalize(document);
      // Normalized and serialized in full before any is added: an event's alerts go in all together or not at all.
      List<BuiltAlert> built = new ArrayList<>(drafts.size());
      for (AlertDraft draft : drafts) {
        UUID alertId = TimeOrderedIds.next();
        // ingested_at is when the gateway took the event, however late it is normalized (sweeper, reprocess).
        ObjectNode doc = draft.toJson(alertId, id, source, receivedAt);
        built.add(new BuiltAlert(alertId, draft, doc.get("correlation_key").asText(), WRITER.writeValueAsString(doc)));
      }
      for (int i = 0; i < built.size(); i++) {
        alerts.add(built.get(i), id, source, i, receivedAt);
      }
      return null;
    } catch (NormalizationException unreadable) {
      return clip(unreadable.getMessage());
    } catch (Exception | StackOverflowError bug) {
      // Not the payload's fault, but retrying it for ever would not help: kept as failed, and reprocessable.
      LOG.error("Normalizer for {} failed on inbound event {}", source, id, bug);
      return clip("$: the normalizer failed (" + bug.getClass().getSimpleName() + "); reprocess after a fix");
    }
  }

  private static String clip(String error) {
    return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
  }

  /** One alert ready to store; the correlation key is the document's, which fills it in when the draft has none. */
  private record BuiltAlert(UUID id, AlertDraft draft, String correlationKey, String document) {}

  /** The alert rows of one transaction, as the arrays one INSERT takes. */
  private static final class AlertColumns {
    private final List<UUID> ids = new ArrayList<>();
    private final List<UUID> inbound = new ArrayList<>();
    private final List<Integer> ordinals = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private final List<String> severities = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final List<OffsetDateTime> times = new ArrayList<>();
    private final List<String> docs = new ArrayList<>();

    void add(BuiltAlert alert, UUID inboundId, String source, int ordinal, Instant receivedAt) {
      AlertDraft draft = alert.draft();
      ids.add(alert.id());
      inbound.add(inboundId);
      ordinals.add(ordinal);
      sources.add(source);
      severities.add(draft.severity().wireName());
      statuses.add(draft.status().wireName());
      keys.add(alert.correlationKey());
      // The document's timestamp, at its millisecond precision: the vendor's time, else the arrival time.
      Instant occurred = draft.timestamp() != null ? draft.timestamp() : receivedAt;
      times.add(OffsetDateTime.ofInstant(occurred.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
      docs.add(alert.document());
    }

    boolean isEmpty() {
      return ids.isEmpty();
    }

    List<UUID> ids() {
      return ids;
    }

    Tuple tuple() {
      return Tuple.tuple()
          .addArrayOfUUID(ids.toArray(UUID[]::new))
          .addArrayOfUUID(inbound.toArray(UUID[]::new))
          .addArrayOfInteger(ordinals.toArray(Integer[]::new))
          .addArrayOfString(sources.toArray(String[]::new))
          .addArrayOfString(severities.toArray(String[]::new))
          .addArrayOfString(statuses.toArray(String[]::new))
          .addArrayOfString(keys.toArray(String[]::new))
          .addArrayOfOffsetDateTime(times.toArray(OffsetDateTime[]::new))
          .addArrayOfString(docs.toArray(String[]::new));
    }
  }
}
