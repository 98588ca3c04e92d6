package io.alertgate.ingest;

import io.alertgate.logging.OutageLog;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for the inbox: requests that arrive while earlier commits are in flight wait in a queue and go to
 * PostgreSQL together, as one multi-row INSERT and one commit. Under light load a request is written at once;
 * under heavy load batches grow, so throughput follows load rather than fsync latency.
 *
 * <p>Confined to the event loop of the verticle that owns it: no locks.
 */
public final class InboxWriter {

  private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);

  // The event and its processing state in one statement: every committed event has its state row (V4).
  private static final String INSERT = """
      WITH inserted AS (
        INSERT INTO inbound_event (id, source, dedup_key, body, body_sha256, headers, remote_addr, received_at)
        SELECT u.id, u.source, u.dedup_key, u.body, u.body_sha256, u.headers, u.remote_addr, u.received_at
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bytea[], $5::bytea[], $6::text[], $7::text[],
                    $8::timestamptz[])
             AS u(id, source, dedup_key, body, body_sha256, headers, remote_addr, received_at)
        ON CONFLICT (source, dedup_key) DO NOTHING
        RETURNING id, source, received_at, octet_length(body) AS body_bytes),
      state AS (
        INSERT INTO inbound_state (id, source, received_at, body_bytes)
        SELECT id, source, received_at, body_bytes FROM inserted)
      SELECT id FROM inserted""";

  private static final String FIND_EXISTING = """
      SELECT e.source, e.dedup_key, e.id, e.body_sha256
      FROM inbound_event e
      JOIN unnest($1::text[], $2::text[]) AS k(source, dedup_key)
        ON e.source = k.source AND e.dedup_key = k.dedup_key""";

  /** @param deadline by when (System.nanoTime) the request must have its answer: the timeout from its arrival */
  private record Pending(InboundEvent event, Promise<WriteOutcome> promise, long deadline) {}

  /** Limits of one writer. */
  public record Limits(int maxBatchRows, long maxBatchBytes, int maxPending, long maxPendingBytes, int maxInFlight,
                       long commitTimeoutMs) {}

  private final Vertx vertx;
  private final Pool pool;
  private final Limits limits;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private long queuedBytes;
  private int inFlight;
  private Promise<Void> drained;
  // With the database gone every group commit fails: one line when that starts, one when it ends.
  private final OutageLog failures = new OutageLog(LOG, "Inbox commits");
  // Events whose commit failed once the drain began: their senders got 503, and the stop was not clean.
  private int failedWhileDraining;

  public InboxWriter(Vertx vertx, Pool pool, Limits limits) {
    this.vertx = vertx;
    this.pool = pool;
    this.limits = limits;
  }

  /** Completes once the event is committed, or with {@link StorageUnavailableException} if it was not. */
  public Future<WriteOutcome> write(InboundEvent event) {
    if (drained != null) {
      return Future.failedFuture(new StorageUnavailableException("the gateway is shutting down", null));
    }
    int size = event.body().length();
    if (queue.size() >= limits.maxPending() || queuedBytes + size > limits.maxPendingBytes()) {
      return Future.failedFuture(new StorageUnavailableException("too many events are waiting for a commit", null));
    }
    Promise<WriteOutcome> promise = Promise.promise();
    queue.add(new Pending(event, promise, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.commitTimeoutMs())));
    queuedBytes += size;
    if (inFlight < limits.maxInFlight()) {
      flush();
    }
    return promise.future();
  }

  /**
   * Refuses new writes and completes when every queued and in-flight commit has finished; fails then if any of
   * those commits failed.
   */
  public Future<Void> drain() {
    if (drained == null) {
      drained = Promise.promise();
      completeDrainIfIdle();
    }
    return drained.future();
  }

  private void flush() {
    List<Pending> batch = new ArrayList<>(Math.min(queue.size(), limits.maxBatchRows()));
    long batchBytes = 0;
    while (!queue.isEmpty() && batch.size() < limits.maxBatchRows()
        && (batch.isEmpty() || batchBytes + queue.peek().event().body().length() <= limits.maxBatchBytes())) {
      Pending next = queue.poll();
      batchBytes += next.event().body().length();
      batch.add(next);
    }
    queuedBytes -= batchBytes;
    inFlight++;
    // Released once, by whichever comes first: the commit's answer or the timeout.
    boolean[] released = {false};
    Runnable release = () -> {
      if (!released[0]) {
        released[0] = true;
        inFlight--;
        if (!queue.isEmpty()) {
          flush();
        } else {
          completeDrainIfIdle();
        }
      }
    };
    // The time runs from the oldest request's arrival, not from this commit: a request that waited in the queue
    // behind a hung commit must not then wait a whole timeout more for its own.
    long leftMs = TimeUnit.NANOSECONDS.toMillis(batch.get(0).deadline() - System.nanoTime());
    long timer = vertx.setTimer(Math.max(1, leftMs), id -> {
      // A commit that never answers (a half-open connection) must not stall this event loop's ingest. Its outcome
      // is unknown, so 503: if it did commit, the sender's retry is a duplicate.
      failures.failed(batch.size(), "a commit was not confirmed within " + limits.commitTimeoutMs()
          + " ms of its first request's arrival");
      failedDuringDrain(batch.size());
      batch.forEach(pending -> pending.promise().tryFail(
          new StorageUnavailableException("the database did not confirm the commit in time", null)));
      release.run();
    });
    Future.<Void>future(promise -> commit(batch).onComplete(promise))
        .onComplete(done -> {
          vertx.cancelTimer(timer);
          if (done.failed()) {
            // Only a bug gets here (query failures are handled in commit): still answer every request.
            LOG.error("Committing a batch failed unexpectedly", done.cause());
            failedDuringDrain(batch.size());
            batch.forEach(pending -> pending.promise().tryFail(
                new StorageUnavailableException("the commit failed", done.cause())));
          }
          release.run();
        });
  }

  private void completeDrainIfIdle() {
    if (drained == null || inFlight > 0 || !queue.isEmpty()) {
      return;
    }
    if (failedWhileDraining == 0) {
      drained.tryComplete();
    } else {
      drained.tryFail(new StorageUnavailableException(failedWhileDraining
          + " event(s) received before the stop could not be committed", null));
    }
  }

  private void failedDuringDrain(int events) {
    if (drained != null) {
      failedWhileDraining += events;
    }
  }

  private Future<Void> commit(List<Pending> batch) {
    return pool.preparedQuery(INSERT).execute(columns(batch))
        .compose(rows -> {
          failures.worked();
          Set<UUID> inserted = new HashSet<>();
          for (Row row : rows) {
            inserted.add(row.getUUID(0));
          }
          List<Pending> duplicates = new ArrayList<>();
          for (Pending pending : batch) {
            if (inserted.contains(pending.event().id())) {
              pending.promise().tryComplete(WriteOutcome.inserted(pending.event().id()));
            } else {
              duplicates.add(pending);
            }
          }
          return duplicates.isEmpty() ? Future.<Void>succeededFuture() : resolveDuplicates(duplicates);
        })
        .recover(failure -> handleFailure(batch, failure));
  }

  /** The rows already there are committed (ON CONFLICT waited for them), so their ids can be read back. */
  private Future<Void> resolveDuplicates(List<Pending> duplicates) {
    String[] sources = duplicates.stream().map(p -> p.event().source()).toArray(String[]::new);
    String[] keys = duplicates.stream().map(p -> p.event().dedupKey()).toArray(String[]::new);
    return pool.preparedQuery(FIND_EXISTING)
        .execute(Tuple.tuple().addArrayOfString(sources).addArrayOfString(keys)).map(rows -> {
      Map<String, Row> existing = new HashMap<>();
      for (Row row : rows) {
        existing.put(row.getString(0) + '\n' + row.getString(1), row);
      }
      for (Pending pending : duplicates) {
        Row row = existing.get(pending.event().source() + '\n' + pending.event().dedupKey());
        if (row == null) {
          pending.promise().tryFail(new StorageUnavailableException("a conflicting event vanished; retry", null));
        } else {
          boolean sameBody = Arrays.equals(row.getBuffer(3).getBytes(), pending.event().bodySha256());
          pending.promise().tryComplete(new WriteOutcome(row.getUUID(2), true, sameBody));
        }
      }
      return null;
    });
  }

  /**
   * A data error in one row must not fail the others it was batched with: retry them one by one. Anything else
   * (connection lost, server down) means no commit can be confirmed, so every request in the batch gets a 503.
   */
  private Future<Void> handleFailure(List<Pending> batch, Throwable failure) {
    if (failure instanceof PgException pg && isDataError(pg) && batch.size() > 1) {
      LOG.warn("A batch of {} inbound events was rejected ({}); writing them one at a time", batch.size(),
          pg.getSqlState());
      List<Future<Void>> singles = new ArrayList<>();
      for (Pending pending : batch) {
        singles.add(commit(List.of(pending)));
      }
      return Future.join(singles).mapEmpty();
    }
    if (failure instanceof PgException pg && isDataError(pg)) {
      // A bad event, not an outage: worth its own line.
      LOG.error("Could not commit {} inbound event(s): {}", batch.size(), failure.getMessage());
    } else {
      failures.failed(batch.size(), failure.getMessage());
    }
    failedDuringDrain(batch.size());
    for (Pending pending : batch) {
      pending.promise().tryFail(failure instanceof PgException pg && isDataError(pg)
          ? new IllegalStateException("the database rejected the event (" + pg.getSqlState() + ")", failure)
          : new StorageUnavailableException("the database did not confirm the commit", failure));
    }
    return Future.succeededFuture();
  }

  private static boolean isDataError(PgException failure) {
    String state = failure.getSqlState();
    return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
  }

  private static Tuple columns(List<Pending> batch) {
    int n = batch.size();
    UUID[] ids = new UUID[n];
    String[] sources = new String[n];
    String[] keys = new String[n];
    Buffer[] bodies = new Buffer[n];
    Buffer[] digests = new Buffer[n];
    String[] headers = new String[n];
    String[] addresses = new String[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      InboundEvent event = batch.get(i).event();
      ids[i] = event.id();
      sources[i] = event.source();
      keys[i] = event.dedupKey();
      bodies[i] = event.body();
      digests[i] = Buffer.buffer(event.bodySha256());
      headers[i] = event.headersJson();
      addresses[i] = event.remoteAddr();
      times[i] = event.receivedAt();
    }
    return Tuple.tuple().addArrayOfUUID(ids).addArrayOfString(sources).addArrayOfString(keys)
        .addArrayOfBuffer(bodies).addArrayOfBuffer(digests).addArrayOfString(headers).addArrayOfString(addresses)
        .addArrayOfOffsetDateTime(times);
  }
}
