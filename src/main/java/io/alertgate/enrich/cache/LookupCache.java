package io.alertgate.enrich.cache;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Providers' answers to lookups, kept until they expire: in PostgreSQL, so every instance shares them and a restart
 * keeps them, behind a bounded in-memory front of the most recently used. How long an answer is kept is the caller's
 * choice ({@link CachePolicies}).
 */
public final class LookupCache {

  /** Enough for the indicators of a large storm; an entry is a few hundred bytes. */
  public static final int DEFAULT_MEMORY_ENTRIES = 10_000;

  private static final String LIVE = """
      SELECT c.provider, c.kind, c.value, c.outcome, c.result::text, c.looked_up_at, c.expires_at
      FROM enrichment_cache c
      JOIN unnest($1::text[], $2::text[], $3::text[]) AS k (provider, kind, value)
        ON c.provider = k.provider AND c.kind = k.kind AND c.value = k.value
      WHERE c.expires_at > $4""";
  // Two instances may look the same indicator up at once; the answer looked up last stays, whichever commits last.
  private static final String UPSERT = """
      INSERT INTO enrichment_cache AS c (provider, kind, value, outcome, result, looked_up_at, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (provider, kind, value) DO UPDATE
        SET outcome = excluded.outcome, result = excluded.result, looked_up_at = excluded.looked_up_at,
            expires_at = excluded.expires_at
        WHERE c.looked_up_at <= excluded.looked_up_at""";
  private static final String PURGE = """
      DELETE FROM enrichment_cache WHERE ctid = ANY (ARRAY (
        SELECT ctid FROM enrichment_cache WHERE expires_at <= $1 LIMIT $2))""";

  private final Pool pool;
  private final Clock clock;
  private final RecentLookups recent;

  public LookupCache(Pool pool) {
    this(pool, Clock.systemUTC(), DEFAULT_MEMORY_ENTRIES);
  }

  public LookupCache(Pool pool, Clock clock, int memoryEntries) {
    this.pool = pool;
    this.clock = clock;
    this.recent = new RecentLookups(memoryEntries);
  }

  /**
   * The live answers kept for these keys; a key with none is absent from the map. Those not in memory are read in one
   * query, and kept in memory from then on.
   */
  public Future<Map<LookupKey, CachedResult>> getAll(Collection<LookupKey> keys) {
    Instant now = clock.instant();
    Map<LookupKey, CachedResult> found = new HashMap<>();
    Set<LookupKey> misses = new LinkedHashSet<>();
    for (LookupKey key : keys) {
      CachedResult kept = recent.get(key, now);
      if (kept != null) {
        found.put(key, kept);
      } else {
        misses.add(key);
      }
    }
    if (misses.isEmpty()) {
      return Future.succeededFuture(found);
    }
    return pool.preparedQuery(LIVE).execute(missTuple(misses, now)).map(rows -> {
      for (Row row : rows) {
        LookupKey key = new LookupKey(row.getString(0), row.getString(1), row.getString(2));
        CachedResult kept = new CachedResult(row.getString(3), new JsonObject(row.getString(4)),
            row.getOffsetDateTime(5).toInstant(), row.getOffsetDateTime(6).toInstant());
        recent.put(key, kept);
        found.put(key, kept);
      }
      return found;
    });
  }

  /** The live answer this instance holds in memory for one key, or null: no query. */
  public CachedResult remembered(LookupKey key) {
    return recent.get(key, clock.instant());
  }

  /** The live answer kept for one key, or null. */
  public Future<CachedResult> get(LookupKey key) {
    return getAll(List.of(key)).map(found -> found.get(key));
  }

  /**
   * Keeps an answer for {@code ttl} from now, replacing what was kept for its key. A zero time to live keeps nothing
   * (a bad key, a rate limit); the answer is in memory at once, in the table when the future completes.
   */
  public Future<Void> put(LookupKey key, String outcome, JsonObject result, Duration ttl) {
    if (ttl.isZero() || ttl.isNegative()) {
      return Future.succeededFuture();
    }
    Instant now = clock.instant();
    CachedResult kept = new CachedResult(outcome, result == null ? new JsonObject() : result, now, now.plus(ttl));
    recent.put(key, kept);
    return pool.preparedQuery(UPSERT)
        .execute(Tuple.of(key.provider(), key.kind(), key.value(), outcome, kept.result(), utc(now),
            utc(kept.expiresAt())))
        .mapEmpty();
  }

  /** Removes at most {@code limit} expired answers from the table; answers how many it removed. */
  public Future<Integer> purgeExpired(int limit) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(utc(clock.instant()), limit)).map(RowSet::rowCount);
  }

  /**
   * Removes every expired answer from the table, {@code batch} at a time so that no one delete holds many rows' locks:
   * a batch is followed by the next while it came back full. Answers how many it removed.
   */
  public Future<Integer> purgeAllExpired(int batch) {
    Promise<Integer> done = Promise.promise();
    purgeFrom(batch, 0, done);
    return done.future();
  }

  // A loop, not a chain of composed futures: a long backlog would nest one future per batch.
  private void purgeFrom(int batch, int removedSoFar, Promise<Integer> done) {
    purgeExpired(batch).onFailure(done::fail).onSuccess(removed -> {
      if (removed < batch) {
        done.complete(removedSoFar + removed);
      } else {
        purgeFrom(batch, removedSoFar + removed, done);
      }
    });
  }

  /** How many answers the in-memory front holds, for metrics. */
  public int memorySize() {
    return recent.size();
  }

  private static Tuple missTuple(Set<LookupKey> misses, Instant now) {
    String[] providers = new String[misses.size()];
    String[] kinds = new String[misses.size()];
    String[] values = new String[misses.size()];
    int i = 0;
    for (LookupKey key : misses) {
      providers[i] = key.provider();
      kinds[i] = key.kind();
      values[i] = key.value();
      i++;
    }
    return Tuple.of(providers, kinds, values, utc(now));
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
