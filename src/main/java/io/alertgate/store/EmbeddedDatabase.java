package io.alertgate.store;

import io.alertgate.config.DatabaseConfig;
import io.alertgate.logging.LogLevels;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The PostgreSQL the gateway runs on when no external one is configured: a real server from zonky's binaries, on a
 * data directory that outlives the process. Blocking; start and stop it off the event loop.
 *
 * <p>Layout under the gateway's data directory: {@code postgres/} is the cluster, {@code alertgate.lock} is held by
 * the running gateway for its whole life, {@code postgres-password} holds the superuser's password.
 *
 * <p>zonky's defaults suit tests (no fsync, asynchronous commit, trust authentication); the gateway needs every
 * acknowledged commit on disk and a server other local users cannot walk into, so both are changed.
 */
public final class EmbeddedDatabase implements AutoCloseable, EmbeddedWatchdog.Server {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration STOP_WAIT = Duration.ofMinutes(2);

  // Replaced by a restart after the server died; the builder keeps the settings and, once started, the port.
  private volatile EmbeddedPostgres postgres;
  private final EmbeddedPostgres.Builder builder;
  private final Path cluster;
  private final String password;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private boolean closed;

  private EmbeddedDatabase(EmbeddedPostgres postgres, EmbeddedPostgres.Builder builder, Path cluster, String password,
                           FileChannel lockChannel, FileLock lock) {
    this.postgres = postgres;
    this.builder = builder;
    this.cluster = cluster;
    this.password = password;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Starts durably (fsync and synchronous commit on): what the gateway uses. */
  public static EmbeddedDatabase startDurable(Path dataDir) {
    return start(dataDir, true);
  }

  /** Starts on {@code dataDir}, initialising it on first use. {@code durable=false} is for tests only. */
  public static EmbeddedDatabase start(Path dataDir, boolean durable) {
    FileChannel lockChannel = null;
    try {
      Files.createDirectories(dataDir);
      lockChannel = FileChannel.open(dataDir.resolve("alertgate.lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock = lockOrRefuse(lockChannel, dataDir);
      Path cluster = dataDir.resolve("postgres");
      boolean initialised = Files.isRegularFile(cluster.resolve("postgresql.conf"));
      OrphanedPostmaster.stopIfRunning(cluster);
      SuperuserPassword password = SuperuserPassword.at(dataDir);
      String onOff = durable ? "on" : "off";
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(cluster)
          .setCleanDataDirectory(false)
          .setServerConfig("fsync", onOff)
          .setServerConfig("synchronous_commit", onOff)
          .setServerConfig("full_page_writes", onOff)
          .setServerConfig("listen_addresses", "127.0.0.1")
          // TCP only: a Unix socket in /tmp would be one more door for other local users.
          .setServerConfig("unix_socket_directories", "")
          .setServerConfig("max_connections", "200")
          // An alert storm writes WAL fast; room for it keeps checkpoints (and their latency spikes) rare.
          .setServerConfig("shared_buffers", "256MB")
          .setServerConfig("wal_buffers", "16MB")
          .setServerConfig("max_wal_size", "4GB")
          .setServerConfig("checkpoint_timeout", "15min")
          // The work tables (inbox states, routing rows, deliveries) grow from nothing to a storm's size in seconds:
          // plans made on an empty table's statistics scan it whole, and the default minute between autovacuum
          // rounds leaves them so for that long (measured: the delivery claim at 7 to 24 ms a batch instead of
          // 0.3 ms). See V14 for the tables' own thresholds.
          .setServerConfig("autovacuum_naptime", "5s")
          // Crash recovery of a large WAL can take a while after a kill -9.
          .setPGStartupWait(Duration.ofMinutes(5));
      if (initialised && password.exists()) {
        builder.setConnectConfig("password", password.read());
      }
      EmbeddedPostgres postgres = builder.start();
      if (!initialised || !password.exists()) {
        // initdb trusts every local connection; close that door before anything else connects.
        password.lockDown(postgres, cluster);
      }
      LOG.info("Embedded PostgreSQL ready on 127.0.0.1:{} with data in {} (durable: {})",
          postgres.getPort(), cluster, durable);
      builder.setPort(postgres.getPort()).setConnectConfig("password", password.read());
      return new EmbeddedDatabase(postgres, builder, cluster, password.read(), lockChannel, lock);
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
    } catch (RuntimeException e) {
      closeQuietly(lockChannel);
      throw e;
    }
  }

  /** How to reach it: the superuser over loopback, with its password. */
  public DatabaseConfig.Endpoint endpoint() {
    return new DatabaseConfig.Endpoint("127.0.0.1", postgres.getPort(), "postgres", "postgres", password);
  }

  /** Whether the postmaster named in {@code postmaster.pid} is alive: false after it was killed. */
  @Override
  public boolean running() {
    return OrphanedPostmaster.pidOf(cluster).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isPresent();
  }

  /**
   * Starts the server again on the same directory and port, so the pools find it where they left it; PostgreSQL
   * replays its WAL first. Blocking.
   */
  @Override
  public synchronized void restart() throws IOException {
    if (closed) {
      return; // the gateway is stopping: a restart now would outlive it
    }
    try {
      // Releases zonky's own lock on the directory. Its stop request fails against a dead server, which is expected
      // here, and it would log that as an error at every restart.
      LogLevels.silenced(EmbeddedPostgres.class, postgres::close);
    } catch (IOException e) {
      LOG.debug("Closing the dead embedded PostgreSQL", e);
    }
    OrphanedPostmaster.stopIfRunning(cluster);
    postgres = builder.start();
  }

  /**
   * A gateway's stop: as {@link #close()}, but fails when the server was already dead (it stopped without its
   * shutdown checkpoint, and its library logged an ERROR trying to stop it) or did not exit.
   *
   * @throws IllegalStateException when the server did not stop cleanly
   */
  public synchronized void stop() {
    boolean wasRunning = running();
    close();
    if (!wasRunning) {
      throw new IllegalStateException("the embedded PostgreSQL had died before the stop (its WAL is replayed at the"
          + " next start)");
    }
    if (running()) {
      throw new IllegalStateException("the embedded PostgreSQL still runs after the stop request");
    }
  }

  /** Stops the server and waits until it has really exited (its shutdown checkpoint can outlast pg_ctl's wait). */
  @Override
  public synchronized void close() {
    closed = true;
    var postmaster = OrphanedPostmaster.pidOf(cluster).flatMap(ProcessHandle::of);
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
    }
    postmaster.ifPresent(process -> {
      if (!OrphanedPostmaster.waitForExit(process, STOP_WAIT)) {
        LOG.error("Embedded PostgreSQL (pid {}) still runs {}s after the stop request", process.pid(),
            STOP_WAIT.toSeconds());
      }
    });
    try {
      lock.release();
    } catch (IOException e) {
      LOG.warn("Could not release the data directory lock", e);
    }
    closeQuietly(lockChannel);
  }

  private static FileLock lockOrRefuse(FileChannel channel, Path dataDir) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      lock = null;
    }
    if (lock == null) {
      throw new IllegalStateException("The data directory " + dataDir
          + " is in use by another running Alertgate process; give this one its own ALERTGATE_DATA_DIR");
    }
    return lock;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to do
      }
    }
  }
}
