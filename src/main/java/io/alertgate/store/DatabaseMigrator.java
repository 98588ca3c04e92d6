package io.alertgate.store;

import io.alertgate.config.DatabaseConfig.Endpoint;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the schema up to date with Flyway. Blocking JDBC: run it on a worker thread. */
public final class DatabaseMigrator {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseMigrator.class);

  private DatabaseMigrator() {
  }

  public static void migrate(Endpoint endpoint) {
    Flyway flyway = Flyway.configure()
        .dataSource(endpoint.jdbcUrl(), endpoint.user(), endpoint.password())
        .locations("classpath:db/migration")
        // Several gateways may start at once on one database; Flyway's advisory lock serialises them.
        .load();
    MigrateResult result = flyway.migrate();
    LOG.info("Database schema at version {} ({} migration(s) applied now)",
        flyway.info().current().getVersion(), result.migrationsExecuted);
  }
}
