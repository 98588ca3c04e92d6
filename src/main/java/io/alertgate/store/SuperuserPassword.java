package io.alertgate.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The embedded superuser's password, generated on first use and kept beside the cluster, readable by its owner
 * only. initdb (as zonky runs it) trusts every local connection; {@link #lockDown} replaces that with
 * scram-sha-256 so another local user cannot walk in as superuser.
 */
final class SuperuserPassword {

  private final Path file;
  private String value;

  private SuperuserPassword(Path file) {
    this.file = file;
  }

  static SuperuserPassword at(Path dataDir) {
    return new SuperuserPassword(dataDir.resolve("postgres-password"));
  }

  boolean exists() {
    return Files.isRegularFile(file);
  }

  String read() throws IOException {
    if (value == null) {
      value = Files.readString(file).trim();
    }
    return value;
  }

  /** Sets the password (stored first, so a crash midway leaves it known) and requires it from every connection. */
  void lockDown(EmbeddedPostgres postgres, Path cluster) throws IOException {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    value = HexFormat.of().formatHex(random);
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, value, StandardOpenOption.TRUNCATE_EXISTING);
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      // Hex only: nothing to escape.
      statement.execute("ALTER USER postgres PASSWORD '" + value + "'");
      Path hba = cluster.resolve("pg_hba.conf");
      Files.writeString(hba, """
          # Written by Alertgate: password (scram-sha-256) for every connection; TCP on loopback only.
          host all all 127.0.0.1/32 scram-sha-256
          host all all ::1/128 scram-sha-256
          """);
      statement.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IOException("Could not set the embedded PostgreSQL's password", e);
    }
  }
}
