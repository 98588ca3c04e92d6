package io.alertgate.admin;

import io.alertgate.store.KeysetQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The admin API's audit ({@code admin_audit}): each write a token made and what came of it, and the listing of them,
 * newest first. An entry the database refuses is lost rather than retried or held up in memory; that the audit
 * cannot be written is logged when it starts and when it ends, with the count lost in between, not once a request.
 */
final class AuditTrail {

  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
  private static final String COLUMNS = "id, at, token_id, role, method, path, query_params, status, target_id";
  private static final String INSERT = "INSERT INTO admin_audit (" + COLUMNS + ")"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

  /**
   * One write through the admin API.
   *
   * @param queryParams the names of its query parameters, never their values
   * @param status      the answer's status; null when the connection closed before one was sent
   * @param targetId    the id in its path, if the route has one
   */
  record Entry(UUID id, Instant at, String tokenId, String role, String method, String path,
               List<String> queryParams, Integer status, String targetId) {}

  private final Pool pool;
  private final AtomicBoolean failing = new AtomicBoolean();
  private final AtomicLong lost = new AtomicLong();

  AuditTrail(Pool pool) {
    this.pool = pool;
  }

  /** Writes the entry in the background: the caller never waits for it. */
  void record(Entry entry) {
    Tuple values = Tuple.from(List.of(entry.id(), OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC),
        entry.tokenId(), entry.role(), entry.method(), entry.path(), new JsonArray(entry.queryParams())))
        .addInteger(entry.status()).addString(entry.targetId());
    pool.preparedQuery(INSERT).execute(values).onComplete(written -> {
      if (written.succeeded()) {
        recovered();
      } else {
        lost(entry, written.cause());
      }
    });
  }

  private void lost(Entry entry, Throwable cause) {
    lost.incrementAndGet();
    if (failing.compareAndSet(false, true)) {
      LOG.warn("The admin audit cannot be written ({}): {} {} by token {} and the writes after it go unrecorded"
          + " until it can", cause.toString(), entry.method(), entry.path(), entry.tokenId());
    }
  }

  private void recovered() {
    if (failing.compareAndSet(true, false)) {
      LOG.info("The admin audit is written again; {} writes went unrecorded", lost.getAndSet(0));
    }
  }

  /** Newest first, after the cursor (an id from an earlier page); a null token id is no condition. */
  Future<List<Entry>> page(String tokenId, UUID cursor, int limit) {
    return new KeysetQuery("SELECT " + COLUMNS + " FROM admin_audit")
        .where("token_id", "=", tokenId)
        .after(cursor)
        .fetch(pool, limit, AuditTrail::entry);
  }

  private static Entry entry(Row row) {
    JsonArray params = row.getJsonArray(6);
    return new Entry(row.getUUID(0), row.getOffsetDateTime(1).toInstant(), row.getString(2), row.getString(3),
        row.getString(4), row.getString(5), params.stream().map(String::valueOf).toList(), row.getInteger(7),
        row.getString(8));
  }
}
