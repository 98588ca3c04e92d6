package io.alertgate.store;

import io.alertgate.config.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL the gateway runs on when no external one is configured: a real server from zonky's binaries,
 * on a data directory that outlives the process. Blocking; start and stop it off the event loop.
 *
 * <p>zonky's defaults suit tests (no fsync, asynchronous commit); the gateway needs every acknowledged commit on
 * disk, so those are switched back on unless a test asks otherwise.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String LOCK_FILE = "epg-lock";
  private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts durably (fsync and synchronous commit on): what the gateway uses. */
  public static EmbeddedDatabase startDurable(Path dataDir) {
    return start(dataDir, true);
  }

  /**
   * Starts on {@code dataDir}, initialising it on first use. {@code durable=false} is for tests only.
   */
  public static EmbeddedDatabase start(Path dataDir, boolean durable) {
    try {
      Files.createDirectories(dataDir);
      refuseIfInUse(dataDir);
      stopOrphanedPostmaster(dataDir);
      String onOff = durable ? "on" : "off";
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setServerConfig("fsync", onOff)
          .setServerConfig("synchronous_commit", onOff)
          .setServerConfig("full_page_writes", onOff)
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200")
          // An alert storm writes WAL fast; room for it keeps checkpoints (and their latency spikes) rare.
          .setServerConfig("shared_buffers", "256MB")
          .setServerConfig("wal_buffers", "16MB")
          .setServerConfig("max_wal_size", "4GB")
          .setServerConfig("checkpoint_timeout", "15min")
          // Crash recovery of a large WAL can take a while after a kill -9.
          .setPGStartupWait(Duration.ofMinutes(5))
          .start();
      LOG.info("Embedded PostgreSQL ready on 127.0.0.1:{} with data in {} (durable: {})",
          postgres.getPort(), dataDir, durable);
      return new EmbeddedDatabase(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
    }
  }

  /** How to reach it: the superuser over loopback, trusted locally as initdb set it up. */
  public DatabaseConfig.Endpoint endpoint() {
    return new DatabaseConfig.Endpoint("127.0.0.1", postgres.getPort(), "postgres", "postgres", "");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
    }
  }

  /** Another live gateway holds the directory's lock: starting a second server on it would corrupt it. */
  private static void refuseIfInUse(Path dataDir) throws IOException {
    Path lockFile = dataDir.resolve(LOCK_FILE);
    if (!Files.exists(lockFile)) {
      // Never create it here: initdb refuses a directory that is not empty.
      return;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IllegalStateException("The data directory " + dataDir
            + " is in use by another running Alertgate process; give this one its own ALERTGATE_DATA_DIR");
      }
      lock.release();
    }
  }

  /**
   * A gateway killed with SIGKILL leaves its postmaster running (it is not our child), and a crash can leave a
   * {@code postmaster.pid} whose number now belongs to an unrelated process. Either blocks the next start.
   */
  private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    Optional<Long> pid = readPid(pidFile);
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
    if (process.isPresent() && isPostmasterOf(process.get(), dataDir)) {
      LOG.warn("A PostgreSQL server (pid {}) from a previous run is still using {}; stopping it", pid.get(), dataDir);
      ProcessHandle postmaster = process.get();
      postmaster.destroy();
      if (!waitForExit(postmaster, ORPHAN_STOP_WAIT)) {
        LOG.warn("PostgreSQL pid {} did not stop within {}s; killing it (it will recover from its WAL)",
            pid.get(), ORPHAN_STOP_WAIT.toSeconds());
        postmaster.destroyForcibly();
        waitForExit(postmaster, ORPHAN_STOP_WAIT);
      }
    } else if (process.isPresent()) {
      LOG.warn("Removing stale {}: pid {} is no longer a PostgreSQL server", pidFile, pid.get());
      Files.deleteIfExists(pidFile);
    }
    // A pid file naming a dead process is handled by PostgreSQL itself.
  }

  private static Optional<Long> readPid(Path pidFile) throws IOException {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty() || !lines.get(0).trim().matches("\\d{1,10}")) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(lines.get(0).trim()));
  }

  private static boolean isPostmasterOf(ProcessHandle process, Path dataDir) {
    ProcessHandle.Info info = process.info();
    boolean isPostgres = info.command().map(command -> command.endsWith("/postgres")).orElse(false);
    boolean sameDir = info.arguments()
        .map(args -> String.join(" ", args).contains(dataDir.toString()))
        .orElse(true);
    return isPostgres && sameDir;
  }

  private static boolean waitForExit(ProcessHandle process, Duration wait) {
    try {
      process.onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    }
  }
}
