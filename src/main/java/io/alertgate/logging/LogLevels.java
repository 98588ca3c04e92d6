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
}
