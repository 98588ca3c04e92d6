package io.alertgate.store;

import io.alertgate.config.DatabaseConfig.Endpoint;
import io.alertgate.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Upgrades of a database that already holds data, from the schema before processing state had its own table. */
class MigrationsTest {

  @Test
  @DisplayName("From V3 with events in every status and a plain admin token: states carried over, token kept as digest")
  void upgradeWithData() throws Exception {
    Endpoint server = TestDatabase.endpoint();
    try (Connection admin = TestDatabase.connect(); Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS upgrade_test");
      sql.execute("CREATE DATABASE upgrade_test");
    }
    String url = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/upgrade_test";
    migrate(url, server, "3");
    try (Connection db = DriverManager.getConnection(url, server.user(), server.password());
         Statement sql = db.createStatement()) {
      sql.execute("""
          INSERT INTO inbound_event (id, source, dedup_key, body, body_sha256, headers, received_at, status, error,
                                     processed_at)
          VALUES ('01a2095f-0000-7000-8000-000000000001', 'elastic', 'k1', '{"a":1}', '\\x00', '{"x-request-id":"r1"}',
                  now(), 'received', NULL, NULL),
                 ('01a2095f-0000-7000-8000-000000000002', 'elastic', 'k2', '{"a":22}', '\\x00', '{}',
                  now(), 'processing', NULL, NULL),
                 ('01a2095f-0000-7000-8000-000000000003', 'sentinel', 'k3', '{}', '\\x00', '{}',
                  now(), 'failed', '$: not an alert', now())""");
      sql.execute("INSERT INTO generated_secret (source, kind, value) VALUES ('_admin', 'token', 'plain-admin-token')");
    }
    migrate(url, server, "latest");
    try (Connection db = DriverManager.getConnection(url, server.user(), server.password());
         Statement sql = db.createStatement()) {
      assertEquals(List.of("received|7|", "received|8|", "failed|2|$: not an alert"),
          rows(sql, "SELECT status || '|' || body_bytes || '|' || coalesce(error, '') FROM inbound_state ORDER BY id"));
      assertEquals(List.of("0"), rows(sql, "SELECT count(*) FROM information_schema.columns"
          + " WHERE table_name = 'inbound_event' AND column_name IN ('status', 'error', 'processed_at')"));
      assertEquals(List.of("text"), rows(sql, "SELECT data_type FROM information_schema.columns"
          + " WHERE table_name = 'inbound_event' AND column_name = 'headers'"));
      assertEquals(List.of("{\"x-request-id\": \"r1\"}"), rows(sql, "SELECT headers FROM inbound_event WHERE dedup_key = 'k1'"));
      assertEquals(List.of("token-sha256|" + io.alertgate.digest.Digests.sha256Hex("plain-admin-token")),
          rows(sql, "SELECT kind || '|' || value FROM generated_secret WHERE source = '_admin'"));
      assertFalse(rows(sql, "SELECT value FROM generated_secret").contains("plain-admin-token"));
    }
    try (Connection admin = TestDatabase.connect(); Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE upgrade_test");
    }
  }

  private static void migrate(String url, Endpoint server, String target) {
    Flyway.configure().dataSource(url, server.user(), server.password()).locations("classpath:db/migration")
        .target(target).load().migrate();
  }

  private static List<String> rows(Statement sql, String query) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        out.add(rows.getString(1));
      }
    }
    return out;
  }
}
