package io.alertgate.enrich.quota;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each provider's lookup budget, per minute and per day, shared by every instance through its row in
 * {@code enrichment_quota}: a lookup is taken under the row's lock, so two instances never spend the same one. A
 * provider's own word that it is out of quota ({@link #pauseUntil}) is kept in the same row, so that a daily
 * exhaustion outlives a restart.
 *
 * <p>A refusal is remembered in memory until its retry time and answered from there: in a storm the stage asks far
 * more often than a budget of 4 a minute could grant, and no other instance can make the answer wrong before then
 * (budgets only come back with a new window, and pauses are only ever lengthened).
 */
public final class QuotaBudget {

  // Creates the provider's row on its first take; either way the row comes back locked until the transaction ends.
  private static final String LOCK = """
      INSERT INTO enrichment_quota AS q (provider, minute_start, minute_used, day_start, day_used)
      VALUES ($1, $2, 0, $3, 0)
      ON CONFLICT (provider) DO UPDATE SET provider = q.provider
      RETURNING minute_start, minute_used, day_start, day_used, paused_until, pause_reason""";
  private static final String TAKE = """
      UPDATE enrichment_quota SET minute_start = $2, minute_used = $3, day_start = $4, day_used = $5
      WHERE provider = $1""";
  private static final String PAUSE = """
      INSERT INTO enrichment_quota AS q (provider, minute_start, minute_used, day_start, day_used, paused_until,
                                         pause_reason)
      VALUES ($1, $2, 0, $3, 0, $4, $5)
      ON CONFLICT (provider) DO UPDATE SET paused_until = excluded.paused_until, pause_reason = excluded.pause_reason
        WHERE q.paused_until IS NULL OR q.paused_until < excluded.paused_until""";
  private static final String READ = """
      SELECT minute_start, minute_used, day_start, day_used, paused_until, pause_reason
      FROM enrichment_quota WHERE provider = $1""";

  private final Pool pool;
  private final Clock clock;
  private final Map<String, QuotaLimits> limits;
  private final Map<String, Grant> refusals = new ConcurrentHashMap<>();
  private final Map<String, GroupedTakes> takes = new ConcurrentHashMap<>();

  /** A provider without limits here has no budget of its own, but its pauses are obeyed. */
  public QuotaBudget(Pool pool, Map<String, QuotaLimits> limits) {
    this(pool, Clock.systemUTC(), limits);
  }

  public QuotaBudget(Pool pool, Clock clock, Map<String, QuotaLimits> limits) {
    this.pool = pool;
    this.clock = clock;
    this.limits = Map.copyOf(limits);
  }

  /** Takes one lookup from the provider's budget, or says why not and when to try again. */
  public Future<Grant> tryTake(String provider) {
    Instant now = clock.instant();
    Grant remembered = refusals.get(provider);
    if (remembered != null && remembered.retryAt().isAfter(now)) {
      return Future.succeededFuture(remembered);
    }
    return takes.computeIfAbsent(provider, name -> new GroupedTakes(wanted -> take(name, wanted))).ask();
  }

  /**
   * The provider said it is out of quota (429, Retry-After, X-RateLimit-Reset): no lookup is granted before
   * {@code until}, on any instance, also after a restart. A shorter pause than one in force changes nothing.
   */
  public Future<Void> pauseUntil(String provider, Instant until, String reason) {
    Instant now = clock.instant();
    if (!until.isAfter(now)) {
      return Future.succeededFuture();
    }
    // The next take reads the pause in force, which may be a longer one than this, from another instance.
    return pool.preparedQuery(PAUSE)
        .execute(Tuple.of(provider, utc(QuotaState.minuteOf(now)), utc(QuotaState.dayOf(now)), utc(until), reason))
        .<Void>mapEmpty()
        .onSuccess(paused -> refusals.remove(provider));
  }

  /** What the provider's budget has left now, as every instance sees it. */
  public Future<QuotaLeft> remaining(String provider) {
    Instant now = clock.instant();
    QuotaLimits budget = limitsOf(provider);
    return pool.preparedQuery(READ).execute(Tuple.of(provider)).map(rows -> rows.size() == 0
        ? new QuotaLeft(budget.perMinute(), budget.perDay(), null, null)
        : state(rows.iterator().next()).left(now, budget));
  }

  /** Takes up to {@code wanted} lookups in one transaction; a refusal is remembered until its retry time. */
  private Future<QuotaState.Taken> take(String provider, int wanted) {
    Instant now = clock.instant();
    return pool.withTransaction(sql -> take(sql, provider, now, wanted)).onSuccess(taken -> {
      if (taken.refusal() == null) {
        refusals.remove(provider);
      } else {
        refusals.put(provider, taken.refusal());
      }
    });
  }

  private Future<QuotaState.Taken> take(SqlConnection sql, String provider, Instant now, int wanted) {
    return sql.preparedQuery(LOCK)
        .execute(Tuple.of(provider, utc(QuotaState.minuteOf(now)), utc(QuotaState.dayOf(now))))
        .compose(rows -> {
          QuotaState.Taken taken = state(rows.iterator().next()).take(now, limitsOf(provider), wanted);
          if (taken.granted() == 0) {
            return Future.succeededFuture(taken);
          }
          QuotaState next = taken.next();
          return sql.preparedQuery(TAKE)
              .execute(Tuple.of(provider, utc(next.minuteStart()), next.minuteUsed(), utc(next.dayStart()),
                  next.dayUsed()))
              .map(taken);
        });
  }

  private QuotaLimits limitsOf(String provider) {
    return limits.getOrDefault(provider, QuotaLimits.UNLIMITED);
  }

  private static QuotaState state(Row row) {
    OffsetDateTime paused = row.getOffsetDateTime(4);
    return new QuotaState(row.getOffsetDateTime(0).toInstant(), row.getInteger(1),
        row.getOffsetDateTime(2).toInstant(), row.getInteger(3), paused == null ? null : paused.toInstant(),
        row.getString(5));
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
