package io.alertgate.store;

import io.alertgate.config.GatewayConfig;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestConfigs;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurabilityCheckTest {

  @Test
  @DisplayName("A PostgreSQL running with fsync=off is refused unless the configuration says it is disposable")
  void refusesFsyncOff() {
    JsonObject yaml = TestConfigs.yaml();
    yaml.getJsonObject("database").remove("require_fsync");
    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> RunningGateway.start(GatewayConfig.parse(yaml, Map.of())));
    String message = failure.getCause().getMessage();
    assertTrue(message.contains("runs with fsync=off"), message);
    assertTrue(message.contains("ALERTGATE_DB_REQUIRE_FSYNC=false"), message);
  }
}
