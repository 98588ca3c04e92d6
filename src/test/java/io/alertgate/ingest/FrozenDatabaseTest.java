package io.alertgate.ingest;

import io.alertgate.config.GatewayConfig;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PostgreSQL frozen (every process of it stopped), not dead: no ingest request may wait past the commit timeout. */
class FrozenDatabaseTest {

  private static final long COMMIT_TIMEOUT_MS = 15_000;
  // Event loop and test-thread jitter on a shared two-core machine.
  private static final long MARGIN_MS = 2_000;
  private static final int REQUESTS = 8;
  private static final long SPACING_MS = 700;

  @TempDir
  Path dataDir;

  @Test
  @DisplayName("Database frozen: each request gets 503 within 15 s of its arrival, even one queued behind a hung one")
  void frozenDatabase() throws Exception {
    GatewayConfig config = GatewayConfig.parse(TestConfigs.ownDatabaseYaml(dataDir), Map.of());
    try (RunningGateway gw = RunningGateway.start(config)) {
      assertEquals(202, post(gw, "warm").statusCode());
      List<Long> frozen = databaseProcesses();
      signal("-STOP", frozen);
      try {
        List<Future<Long>> latencies = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
          long sent = System.nanoTime();
          String body = body("frozen-" + i);
          latencies.add(gw.post("elastic").putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET,
              body)).sendBuffer(Buffer.buffer(body)).map(response -> {
                assertEquals(503, response.statusCode(), response.bodyAsString());
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
              }));
          Thread.sleep(SPACING_MS);
        }
        for (Future<Long> latency : latencies) {
          long waitedMs = gw.await(latency);
          assertTrue(waitedMs <= COMMIT_TIMEOUT_MS + MARGIN_MS, "a request waited " + waitedMs + " ms");
        }
      } finally {
        signal("-CONT", frozen);
      }
    }
  }

  private static HttpResponse<Buffer> post(RunningGateway gw, String id) {
    String body = body(id);
    return gw.send(gw.post("elastic").putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET,
        body)), body);
  }

  private static String body(String id) {
    return "{\"kibana.alert.uuid\":\"" + id + "\"}";
  }

  /** The postmaster and every process it started: the backends holding the pool's connections too. */
  private List<Long> databaseProcesses() throws Exception {
    long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
    ProcessHandle root = ProcessHandle.of(postmaster).orElseThrow();
    return Stream.concat(Stream.of(root), root.descendants()).map(ProcessHandle::pid).toList();
  }

  private static void signal(String signal, List<Long> pids) throws Exception {
    List<String> command = new ArrayList<>(List.of("kill", signal));
    pids.forEach(pid -> command.add(String.valueOf(pid)));
    assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), "kill " + signal);
  }
}
