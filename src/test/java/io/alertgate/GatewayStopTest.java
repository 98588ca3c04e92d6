package io.alertgate;

import io.alertgate.config.GatewayConfig;
import io.alertgate.support.LogCapture;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestConfigs;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a stop reports: the process exits non-zero when the stop's future fails. */
class GatewayStopTest {

  @TempDir
  Path dataDir;

  @Test
  @DisplayName("A stop with the embedded database killed fails, yet still runs every step and closes both ports")
  void stopWithDeadDatabaseFails() throws Exception {
    JsonObject yaml = TestConfigs.ownDatabaseYaml(dataDir);
    RunningGateway gw = RunningGateway.start(GatewayConfig.parse(yaml, Map.of()));
    try (LogCapture log = LogCapture.attach()) {
      long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());
      int ingest = gw.gateway.ingestPort();
      int admin = gw.gateway.adminPort();
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> gw.gateway.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
      assertTrue(failed.getCause().getMessage().contains("embedded database"), failed.getCause().getMessage());
      assertTrue(refused(ingest) && refused(admin), "both ports must be closed all the same");
      assertTrue(log.text().contains("Alertgate stopped, but"), log.text());
    } finally {
      gw.client.close();
      gw.vertx.close();
    }
  }

  private static boolean refused(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return false;
    } catch (IOException refused) {
      return true;
    }
  }
}
