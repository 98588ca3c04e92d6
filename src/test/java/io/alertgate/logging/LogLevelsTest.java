package io.alertgate.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.alertgate.config.GatewayConfig;
import io.alertgate.enrich.FakeIntel;
import io.alertgate.support.LogCapture;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static io.alertgate.support.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The levels the configuration gives take effect on the gateway's loggers, per logger over the root's. */
class LogLevelsTest {

  private static final String DELIVER = "io.alertgate.deliver";

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Level rootLevel = root.getLevel();

  @AfterEach
  void restore() {
    // Levels are the JVM's: put back logback.xml's for the tests after this one.
    root.setLevel(rootLevel);
    ((Logger) LoggerFactory.getLogger(DELIVER)).setLevel(null);
  }

  @Test
  @DisplayName("logging.levels {io.alertgate.deliver: debug}: each delivery attempt is logged, while ingest, at the"
      + " root's info, logs no accepted event")
  void perLoggerLevel() throws Exception {
    TestDatabase.truncate();
    try (FakeIntel intel = FakeIntel.start(); LogCapture lines = LogCapture.attach()) {
      JsonObject yaml = intel.yaml(2_000).put("logging", new JsonObject()
          .put("levels", new JsonObject().put(DELIVER, "debug")));
      GatewayConfig config = GatewayConfig.parse(yaml, Map.of());
      LogLevels.apply(config.logging());
      try (RunningGateway gw = RunningGateway.start(config)) {
        gw.await(FakeIntel.post(gw, "levels-1", "8.8.8.8"));
        waitUntil(() -> intel.delivered.size() == 1);
        String delivery = TestDatabase.text("SELECT id::text FROM delivery");
        waitUntil(() -> lines.text().contains("Delivery " + delivery + " to soc: delivered in "));
      }
      assertFalse(lines.text().contains("Accepted inbound event"), lines.text());
    }
  }

  @Test
  @DisplayName("ALERTGATE_LOG_LEVEL sets every logger without a level of its own; logging.levels keeps its own")
  void rootLevel() {
    GatewayConfig config = GatewayConfig.parse(new JsonObject().put("logging", new JsonObject()
        .put("levels", new JsonObject().put(DELIVER, "debug"))), Map.of("ALERTGATE_LOG_LEVEL", "warn"));
    LogLevels.apply(config.logging());
    assertFalse(LoggerFactory.getLogger("io.alertgate.Gateway").isInfoEnabled());
    assertTrue(LoggerFactory.getLogger("io.alertgate.Gateway").isWarnEnabled());
    assertTrue(LoggerFactory.getLogger(DELIVER + ".DeliveryLog").isDebugEnabled());
  }
}
