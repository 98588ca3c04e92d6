package io.alertgate.support;

import io.alertgate.config.DatabaseConfig.Endpoint;
import io.alertgate.store.DatabaseMigrator;
import io.alertgate.store.EmbeddedDatabase;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL for the whole test run, migrated once; tests truncate between cases. It runs without fsync
 * for speed: only tests do that, never the gateway.
 */
public final class TestDatabase {

  private static EmbeddedDatabase database;

  private TestDatabase() {
  }

  public static synchronized Endpoint endpoint() {
    if (database == null) {
      try {
        database = EmbeddedDatabase.start(Files.createTempDirectory("alertgate-test-db"), false);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      DatabaseMigrator.migrate(database.endpoint());
    }
    return database.endpoint();
  }

  public static String url() {
    Endpoint endpoint = endpoint();
    return "postgresql://" + endpoint.user() + ":" + endpoint.password() + "@" + endpoint.host() + ":" + endpoint.port()
        + "/" + endpoint.database();
  }

  public static void truncate() {
    execute("TRUNCATE alert, inbound_state, inbound_event, generated_secret, delivery, delivery_attempt, alert_route,"
        + " alert_identity, destination_config, enrichment_cache, enrichment_quota, alert_enrich");
  }

  public static void execute(String sql) {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long count(String sql) {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String text(String sql) {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Connection connect() throws SQLException {
    return connect(endpoint());
  }

  public static Connection connect(Endpoint endpoint) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/"
        + endpoint.database(), endpoint.user(), endpoint.password());
  }
}
