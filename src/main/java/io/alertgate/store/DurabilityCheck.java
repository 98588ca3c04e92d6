package io.alertgate.store;

import io.alertgate.config.ConfigException;
import io.alertgate.config.DatabaseConfig;
import io.alertgate.config.DatabaseConfig.Endpoint;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * A 202 promises the alert is on disk. Sessions ask for synchronous commit themselves (PgPools), but a server
 * running with {@code fsync=off} would still lose acknowledged alerts in a crash, so the gateway refuses to start
 * on one unless told that this database is disposable.
 */
public final class DurabilityCheck {

  private DurabilityCheck() {
  }

  public static Future<Void> verify(Pool pool, DatabaseConfig database, Endpoint endpoint) {
    return pool.query("SELECT current_setting('fsync'), current_setting('synchronous_commit')").execute()
        .compose(rows -> {
          var row = rows.iterator().next();
          boolean durable = "on".equals(row.getString(0)) && !"off".equals(row.getString(1))
              && !"local".equals(row.getString(1));
          if (durable || !database.requireFsync()) {
            return Future.succeededFuture();
          }
          return Future.failedFuture(new ConfigException("database",
              "PostgreSQL at " + endpoint + " runs with fsync=" + row.getString(0) + ", synchronous_commit="
                  + row.getString(1) + ": acknowledged alerts could be lost in a crash. Turn fsync on, or set "
                  + "ALERTGATE_DB_REQUIRE_FSYNC=false for a database you can afford to lose"));
        });
  }
}
