package io.alertgate.config;

import io.alertgate.config.LoggingSettings.Level;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code logging} section, and the format variable logback reads before it. */
class LoggingSettingsTest {

  @Test
  @DisplayName("With nothing set every logger logs at info")
  void defaults() {
    assertEquals(new LoggingSettings(Level.INFO, Map.of()), parse(new JsonObject(), Map.of()));
  }

  @Test
  @DisplayName("A level per logger from the YAML, over the root's level, which ALERTGATE_LOG_LEVEL overrides")
  void levels() {
    JsonObject yaml = new JsonObject().put("logging", new JsonObject().put("level", "info")
        .put("levels", new JsonObject().put("io.alertgate.deliver", "DEBUG").put("io.vertx", "error")));
    LoggingSettings logging = parse(yaml, Map.of("ALERTGATE_LOG_LEVEL", "warn"));
    assertEquals(new LoggingSettings(Level.WARN, Map.of("io.alertgate.deliver", Level.DEBUG, "io.vertx", Level.ERROR)),
        logging);
  }

  @Test
  @DisplayName("A level that is none of logback's is refused, naming the variable or the logger's key")
  void wrongLevels() {
    ConfigException variable = assertThrows(ConfigException.class,
        () -> parse(new JsonObject(), Map.of("ALERTGATE_LOG_LEVEL", "loud")));
    assertEquals("Invalid configuration: ALERTGATE_LOG_LEVEL must be one of trace, debug, info, warn, error, off,"
        + " got 'loud'", variable.getMessage());
    JsonObject yaml = new JsonObject().put("logging", new JsonObject()
        .put("levels", new JsonObject().put("io.alertgate.deliver", new JsonObject())));
    ConfigException logger = assertThrows(ConfigException.class, () -> parse(yaml, Map.of()));
    assertEquals("Invalid configuration: logging.levels.io.alertgate.deliver must be a single value, not a list or a"
        + " section", logger.getMessage());
  }

  @Test
  @DisplayName("ALERTGATE_LOG_FORMAT may be unset, human or json; anything else stops the start")
  void format() {
    for (Map<String, String> environment : List.of(Map.<String, String>of(),
        Map.of(LoggingSettings.FORMAT_VARIABLE, "human"), Map.of(LoggingSettings.FORMAT_VARIABLE, "json"))) {
      assertDoesNotThrow(() -> LoggingSettings.checkFormat(environment));
    }
    ConfigException wrong = assertThrows(ConfigException.class,
        () -> LoggingSettings.checkFormat(Map.of(LoggingSettings.FORMAT_VARIABLE, "JSON")));
    assertEquals("Invalid configuration: ALERTGATE_LOG_FORMAT must be one of human, json, got 'JSON'",
        wrong.getMessage());
  }

  private static LoggingSettings parse(JsonObject yaml, Map<String, String> env) {
    return GatewayConfig.parse(yaml, env).logging();
  }
}
