package io.alertgate.config;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code logging} section: how much is logged, overall and per logger. The format is not here: logback takes it
 * from {@link #FORMAT_VARIABLE} as it starts, before this file is read, so that every line is in one format.
 *
 * @param level  the root logger's level
 * @param levels a level per logger (a package or a class, such as {@code io.alertgate.deliver}), over the root's
 */
public record LoggingSettings(Level level, Map<String, Level> levels) {

  /** Logback's levels, in the words the configuration uses. */
  public enum Level {
    TRACE, DEBUG, INFO, WARN, ERROR, OFF;

    String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Read by logback.xml, which has one console format per value. */
  public static final String FORMAT_VARIABLE = "ALERTGATE_LOG_FORMAT";
  private static final List<String> FORMATS = List.of("human", "json");

  private static final ConfigKey LEVEL = ConfigKey.of("logging.level", "ALERTGATE_LOG_LEVEL");
  private static final ConfigKey LEVELS = ConfigKey.of("logging.levels");
  static final List<ConfigKey> KEYS = List.of(LEVEL, LEVELS);

  public LoggingSettings {
    levels = Map.copyOf(levels);
  }

  static LoggingSettings read(ConfigReader config) {
    Level level = config.string(LEVEL.path()).map(word -> parse(config.name(LEVEL.path()), word)).orElse(Level.INFO);
    Map<String, Level> levels = new LinkedHashMap<>();
    JsonObject section = config.section(LEVELS.path());
    for (String logger : section.fieldNames()) {
      String key = LEVELS.path() + "." + PathValues.shown(logger);
      String word = PathValues.scalar(section.getValue(logger), key);
      if (logger.isBlank() || word == null) {
        throw new ConfigException(key, "must name a logger and give it a level");
      }
      levels.put(logger.trim(), parse(key, word.trim()));
    }
    return new LoggingSettings(level, levels);
  }

  /**
   * Fails unless {@link #FORMAT_VARIABLE} is unset or a format logback.xml has: with any other, logback found no
   * console to write to, and the gateway would run without a line of log.
   */
  static void checkFormat(Map<String, String> environment) {
    String format = Optional.ofNullable(environment.get(FORMAT_VARIABLE)).orElse(FORMATS.get(0));
    if (!FORMATS.contains(format)) {
      throw new ConfigException(FORMAT_VARIABLE, "must be one of " + String.join(", ", FORMATS) + ", got '"
          + PathValues.shown(format) + "'");
    }
  }

  private static Level parse(String key, String word) {
    return ConfigEnums.parse(key, word, Level.values(), Level::configName);
  }
}
