package io.alertgate.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.alertgate.config.LoggingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the levels the configuration gives ({@code logging.level} for the root, {@code logging.levels} per logger) on
 * logback's loggers. Called once the configuration is read: until then, logback.xml's levels hold.
 */
public final class LogLevels {

  private LogLevels() {
  }

  public static void apply(LoggingSettings settings) {
    // Only logback's loggers have levels to set; another SLF4J binding keeps its own configuration.
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext loggers)) {
      return;
    }
    loggers.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(settings.level().name()));
    settings.levels().forEach((name, level) -> loggers.getLogger(name).setLevel(Level.toLevel(level.name())));
  }

  /**
   * Runs {@code action} with {@code logger} silenced, then gives it back its level: for a library that logs as an
   * error what the caller expects and handles.
   */
  public static <E extends Exception> void silenced(Class<?> logger, Action<E> action) throws E {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext loggers)) {
      action.run();
      return;
    }
    ch.qos.logback.classic.Logger quiet = loggers.getLogger(logger);
    Level before = quiet.getLevel();
    quiet.setLevel(Level.OFF);
    try {
      action.run();
    } finally {
      quiet.setLevel(before);
    }
  }

  /** Work that may throw a checked exception. */
  @FunctionalInterface
  public interface Action<E extends Exception> {
    void run() throws E;
  }
}
