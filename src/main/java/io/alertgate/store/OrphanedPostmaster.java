package io.alertgate.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A gateway killed with SIGKILL leaves its PostgreSQL running (pg_ctl detached it), and a crash can leave a
 * {@code postmaster.pid} naming a process id that now belongs to someone else. Either blocks the next start.
 */
final class OrphanedPostmaster {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);
  private static final Duration FAST_STOP_WAIT = Duration.ofSeconds(30);
  private static final Duration IMMEDIATE_STOP_WAIT = Duration.ofSeconds(15);

  private OrphanedPostmaster() {
  }

  static void stopIfRunning(Path cluster) throws IOException {
    Path pidFile = cluster.resolve("postmaster.pid");
    Optional<Long> pid = pidOf(cluster);
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return; // PostgreSQL itself replaces a pid file whose process is gone.
    }
    if (!servesCluster(pid.get(), cluster)) {
      LOG.warn("Removing stale {}: pid {} is no longer this data directory's PostgreSQL", pidFile, pid.get());
      Files.deleteIfExists(pidFile);
      return;
    }
    LOG.warn("A PostgreSQL server (pid {}) from a previous run still serves {}; stopping it", pid.get(), cluster);
    // SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for every client); SIGQUIT its immediate one.
    signal(pid.get(), "INT");
    if (!waitForExit(process.get(), FAST_STOP_WAIT)) {
      LOG.warn("PostgreSQL pid {} ignored a fast shutdown for {}s; stopping it immediately (it recovers from its WAL)",
          pid.get(), FAST_STOP_WAIT.toSeconds());
      signal(pid.get(), "QUIT");
      if (!waitForExit(process.get(), IMMEDIATE_STOP_WAIT)) {
        throw new IllegalStateException("PostgreSQL pid " + pid.get() + " on " + cluster + " would not stop");
      }
    }
  }

  static Optional<Long> pidOf(Path cluster) {
    try {
      Path pidFile = cluster.resolve("postmaster.pid");
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.isEmpty() || !lines.get(0).trim().matches("\\d{1,10}")) {
        return Optional.empty();
      }
      return Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static boolean waitForExit(ProcessHandle process, Duration wait) {
    try {
      process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    }
  }

  /**
   * PostgreSQL runs in its data directory, so the process's working directory says whose it is (Linux exposes it
   * in /proc); elsewhere, the exact {@code -D} argument.
   */
  private static boolean servesCluster(long pid, Path cluster) {
    try {
      Path cwd = Path.of("/proc", String.valueOf(pid), "cwd");
      if (Files.exists(cwd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return Files.readSymbolicLink(cwd).equals(cluster.toRealPath());
      }
    } catch (IOException | SecurityException e) {
      // fall through to the arguments
    }
    String dir = cluster.toString();
    return ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).map(args -> {
      for (int i = 0; i + 1 < args.length; i++) {
        if (args[i].equals("-D") && args[i + 1].equals(dir)) {
          return true;
        }
      }
      return false;
    }).orElse(false);
  }

  private static void signal(long pid, String name) {
    try {
      new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("Could not signal PostgreSQL pid " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
