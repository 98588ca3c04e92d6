package io.alertgate.deliver;

import io.alertgate.config.DestinationConfig;
import io.alertgate.secret.SecretBox;
import io.alertgate.secret.SecretException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Destinations saved through the admin API, in PostgreSQL so every instance sees them, their secrets sealed with the
 * master key. Each save takes a new version: {@link #version()} tells an instance whether to read them again.
 */
public final class SavedDestinations {

  private static final String UPSERT = """
      INSERT INTO destination_config (name, type, enabled, settings) VALUES ($1, $2, $3, $4)
      ON CONFLICT (name) DO UPDATE SET type = excluded.type, enabled = excluded.enabled, settings = excluded.settings,
                                       version = nextval('destination_config_version'), updated_at = now()
      RETURNING updated_at""";
  private static final String ALL = "SELECT name, type, enabled, settings::text, updated_at FROM destination_config"
      + " ORDER BY name";
  private static final String ONE = "SELECT name, type, enabled, settings::text, updated_at FROM destination_config"
      + " WHERE name = $1";
  // Every row's version counts, not only the highest: two saves may commit in the other order than they took their
  // versions, and a reader between the two commits must still see the second. A deletion changes the count.
  private static final String VERSION =
      "SELECT coalesce(sum(version), 0)::text || '/' || count(*) FROM destination_config";

  /**
   * A saved destination, its secrets open; or, when they cannot be opened (sealed under another master key, damaged),
   * why not, with its settings empty: it is not started, and saving it again replaces it.
   */
  public record Saved(DestinationConfig config, Instant updatedAt, String unreadable) {}

  private final Pool pool;
  private final SecretBox box;

  public SavedDestinations(Pool pool, SecretBox box) {
    this.pool = pool;
    this.box = box;
  }

  public Future<Void> save(DestinationConfig config) {
    JsonObject sealed = secrets(config.type()).seal(config.settings(), config.name(), box);
    return pool.preparedQuery(UPSERT)
        .execute(Tuple.of(config.name(), config.type(), config.enabled(), sealed))
        .mapEmpty();
  }

  /** Every saved destination; one whose secrets cannot be opened says why, and holds back none of the others. */
  public Future<List<Saved>> all() {
    return pool.query(ALL).execute().map(rows -> {
      List<Saved> saved = new ArrayList<>();
      rows.forEach(row -> saved.add(read(row)));
      return saved;
    });
  }

  public Future<Optional<Saved>> named(String name) {
    return pool.preparedQuery(ONE).execute(Tuple.of(name))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
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
      return new Saved(new DestinationConfig(name, type, row.getBoolean(2), settings), updated, null);
    } catch (SecretException unopened) {
      return new Saved(new DestinationConfig(name, type, false, new JsonObject()), updated,
          "its secrets cannot be opened: " + unopened.getMessage());
    }
  }

  /** A type's secret fields; a type this gateway does not know has none it could name. */
  public static SecretFields secrets(String type) {
    return DestinationTypes.named(type)
        .map(known -> new SecretFields(known.secretFields(), known.maskedAddressFields()))
        .orElseGet(() -> new SecretFields(List.of(), List.of()));
  }
}
