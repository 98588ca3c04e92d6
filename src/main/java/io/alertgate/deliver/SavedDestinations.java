package io.alertgate.deliver;

import io.alertgate.config.DestinationConfig;
import io.alertgate.secret.SecretBox;
import io.alertgate.secret.SecretException;
import io.alertgate.store.RowLists;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Destinations saved through the admin API, in PostgreSQL so every instance sees them, their secrets sealed with the
 * master key. Each save takes a new version: {@link #version()} tells an instance whether to read them again.
 */
public final class SavedDestinations {

  // A save through the per-type endpoints keeps the name the registry gave the destination.
  private static final String UPSERT = """
      INSERT INTO destination_config (name, type, enabled, settings) VALUES ($1, $2, $3, $4)
      ON CONFLICT (name) DO UPDATE SET type = excluded.type, enabled = excluded.enabled, settings = excluded.settings,
                                       version = nextval('destination_config_version'), updated_at = now()
      RETURNING updated_at""";
  private static final String CREATE = """
      INSERT INTO destination_config (name, type, enabled, settings, display_name) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (name) DO NOTHING
      RETURNING name""";
  // Its type stays what it was created as: settings of another type would be sealed under other secret fields.
  private static final String UPDATE = """
      UPDATE destination_config SET enabled = $3, settings = $4, display_name = $5,
                                    version = nextval('destination_config_version'), updated_at = now()
      WHERE name = $1 AND type = $2
      RETURNING name""";
  private static final String COLUMNS = "SELECT name, type, enabled, settings::text, updated_at, display_name"
      + " FROM destination_config";
  private static final String ALL = COLUMNS + " ORDER BY name";
  private static final String ONE = COLUMNS + " WHERE name = $1";
  private static final String PAGE = COLUMNS + " WHERE name > $1 ORDER BY name LIMIT $2";
  private static final String LOCK = "SELECT 1 FROM destination_config WHERE name = $1 FOR UPDATE";
  private static final String WAITING = "SELECT count(*) FROM delivery WHERE destination = $1 AND status IN (%s, %s)"
      .formatted(DeliveryStatus.PENDING.literal(), DeliveryStatus.RETRYING.literal());
  // Those being attempted too: the outcome of an attempt under way is not written (its lease is gone), so the
  // delivery ends here and now rather than retrying towards a destination no instance has.
  private static final String END_WAITING = """
      UPDATE delivery SET status = %s, last_error = $2, finished_at = now(), lease_until = NULL, lease_token = NULL
      WHERE destination = $1 AND status IN (%s, %s)""".formatted(DeliveryStatus.DEAD.literal(),
      DeliveryStatus.PENDING.literal(), DeliveryStatus.RETRYING.literal());
  private static final String DELETE = "DELETE FROM destination_config WHERE name = $1";
  // Every row's version counts, not only the highest: two saves may commit in the other order than they took their
  // versions, and a reader between the two commits must still see the second. A deletion changes the count.
  private static final String VERSION =
      "SELECT coalesce(sum(version), 0)::text || '/' || count(*) FROM destination_config";

  /**
   * A saved destination, its secrets open; or, when they cannot be opened (sealed under another master key, damaged),
   * why not, with its settings empty: it is not started, and saving it again replaces it.
   */
  public record Saved(DestinationConfig config, Instant updatedAt, String unreadable, String displayName) {}

  /**
   * What removing a destination came to.
   *
   * @param found   it was saved
   * @param removed it is gone; false when deliveries wait for it and the removal was not forced
   * @param waiting its deliveries that were pending or retrying: kept when not removed, else ended dead
   */
  public record Removal(boolean found, boolean removed, long waiting) {}

  private final Pool pool;
  private final SecretBox box;

  public SavedDestinations(Pool pool, SecretBox box) {
    this.pool = pool;
    this.box = box;
  }

  public Future<Void> save(DestinationConfig config) {
    return pool.preparedQuery(UPSERT).execute(sealed(config)).mapEmpty();
  }

  /** Saves a new destination; false, changing nothing, when one of that name is saved already. */
  public Future<Boolean> create(DestinationConfig config, String displayName) {
    return pool.preparedQuery(CREATE).execute(sealed(config).addString(displayName)).map(rows -> rows.size() > 0);
  }

  /** Replaces a saved destination of the same name and type; false when there is none. */
  public Future<Boolean> update(DestinationConfig config, String displayName) {
    return pool.preparedQuery(UPDATE).execute(sealed(config).addString(displayName)).map(rows -> rows.size() > 0);
  }

  private Tuple sealed(DestinationConfig config) {
    JsonObject sealed = secrets(config.type()).seal(config.settings(), config.name(), box);
    return Tuple.of(config.name(), config.type(), config.enabled(), sealed);
  }

  /** Every saved destination; one whose secrets cannot be opened says why, and holds back none of the others. */
  public Future<List<Saved>> all() {
    return pool.query(ALL).execute().map(rows -> RowLists.of(rows, this::read));
  }

  /** In the order of their names, after the given one (empty: from the first). */
  public Future<List<Saved>> page(String after, int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(after, limit)).map(rows -> RowLists.of(rows, this::read));
  }

  public Future<Optional<Saved>> named(String name) {
    return pool.preparedQuery(ONE).execute(Tuple.of(name))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
  }

  /**
   * Removes a saved destination. Deliveries still waiting for it would wait for ever (no instance has it any more),
   * so unless forced it stays while there are any; forced, they end as dead letters that say why, and can be replayed
   * once a destination of that name exists again.
   */
  public Future<Removal> remove(String name, boolean force) {
    return pool.withTransaction(sql -> sql.preparedQuery(LOCK).execute(Tuple.of(name)).compose(locked -> {
      if (locked.size() == 0) {
        return Future.succeededFuture(new Removal(false, false, 0));
      }
      return sql.preparedQuery(WAITING).execute(Tuple.of(name)).compose(counted -> {
        long waiting = counted.iterator().next().getLong(0);
        if (waiting > 0 && !force) {
          return Future.succeededFuture(new Removal(true, false, waiting));
        }
        return sql.preparedQuery(END_WAITING).execute(Tuple.of(name, "its destination " + name + " was removed"))
            .compose(ended -> sql.preparedQuery(DELETE).execute(Tuple.of(name))
                .map(deleted -> new Removal(true, true, ended.rowCount())));
      });
    }));
  }

  /** A mark that changes whenever a destination is saved or removed. */
  public Future<String> version() {
    return pool.query(VERSION).execute().map(rows -> rows.iterator().next().getString(0));
  }

  private Saved read(Row row) {
    String name = row.getString(0);
    String type = row.getString(1);
    Instant updated = row.getOffsetDateTime(4).toInstant();
    try {
      JsonObject settings = secrets(type).open(new JsonObject(row.getString(3)), name, box);
      return new Saved(new DestinationConfig(name, type, row.getBoolean(2), settings), updated, null,
          row.getString(5));
    } catch (SecretException unopened) {
      return new Saved(new DestinationConfig(name, type, false, new JsonObject()), updated,
          "its secrets cannot be opened: " + unopened.getMessage(), row.getString(5));
    }
  }

  /** A type's secret fields; a type this gateway does not know has none it could name. */
  public static SecretFields secrets(String type) {
    return DestinationTypes.named(type)
        .map(known -> new SecretFields(known.secretFields(), known.maskedAddressFields()))
        .orElseGet(() -> new SecretFields(List.of(), List.of()));
  }
}
