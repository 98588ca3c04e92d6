package io.alertgate;

import io.alertgate.support.Signatures;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway as a user runs it: its own JVM on the embedded database, killed with SIGKILL in the middle of a
 * load and started again on the same data directory.
 */
class CrashRecoveryTest {

  private static final String SECRET = "crash-test-secret";
  private static final int EVENTS = 400;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path work;

  @Test
  @DisplayName("kill -9 mid-load, restart: every acknowledged event is still there, re-sends are duplicates")
  void killNineLosesNothingAcknowledged() throws Exception {
    Path dataDir = work.resolve("data");
    int port = freePort();
    Process first = launch(dataDir, port, "first");

    // Not open to other local users: initdb's trust authentication is gone.
    String url = "jdbc:postgresql://127.0.0.1:" + postmasterPort(dataDir) + "/postgres";
    java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
        () -> DriverManager.getConnection(url, "postgres", "").close());
    assertTrue(refused.getMessage().contains("password"), refused.getMessage());
    // The embedded server must be the durable one, not zonky's test defaults.
    String password = Files.readString(dataDir.resolve("postgres-password")).trim();
    try (Connection db = DriverManager.getConnection(url, "postgres", password);
         ResultSet settings = db.createStatement().executeQuery(
        "SELECT current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')")) {
      settings.next();
      assertEquals(List.of("on", "on", "on"), List.of(settings.getString(1), settings.getString(2), settings.getString(3)));
    }

    List<CompletableFuture<HttpResponse<String>>> inFlight = loadStoppedBy(port, first::destroyForcibly);
    assertTrue(first.waitFor(30, TimeUnit.SECONDS));
    // Requests cut off by the kill may end any way, or not at all: none of them was acknowledged.
    Map<Integer, String> acknowledged = acknowledged(inFlight, status -> true);
    assertTrue(acknowledged.size() >= EVENTS / 4, "acknowledged: " + acknowledged.size());
    long orphan = postmasterPid(dataDir);
    assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false),
        "SIGKILL should have left the embedded PostgreSQL running");

    Process second = launch(dataDir, port, "second");
    assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the orphan was not stopped");
    assertDuplicates(port, acknowledged);
    stopGracefully(second, dataDir);
  }

  @Test
  @DisplayName("SIGTERM during a load: the gateway drains and exits 0, and every acknowledged event is stored")
  void gracefulStopUnderLoad() throws Exception {
    Path dataDir = work.resolve("data");
    int port = freePort();
    Process gateway = launch(dataDir, port, "drain");
    List<CompletableFuture<HttpResponse<String>>> inFlight = loadStoppedBy(port, gateway::destroy);
    assertTrue(gateway.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, gateway.exitValue(), log("drain"));
    // A graceful stop answers every request it took: 202, or 503 once it stops taking them; later ones are refused.
    Map<Integer, String> acknowledged = acknowledged(inFlight, status -> status == 503);
    Process restarted = launch(dataDir, port, "after-drain");
    assertDuplicates(port, acknowledged);
    stopGracefully(restarted, dataDir);
  }

  @Test
  @DisplayName("kill -9 with deliveries in flight, restart: every acknowledged alert reaches the webhook, a repeat"
      + " only under its same webhook-id")
  void killNineWithDeliveriesInFlight() throws Exception {
    Vertx receiverVertx = Vertx.vertx();
    Map<String, Set<String>> webhookIdsByAlert = new ConcurrentHashMap<>();
    AtomicInteger received = new AtomicInteger();
    try {
      // Slow enough that deliveries are in flight when the gateway dies.
      HttpServer receiver = receiverVertx.createHttpServer().requestHandler(request -> request.body()
          .onSuccess(body -> {
            String alert = new JsonObject(body).getJsonObject("custom_details").getString("alert_id");
            webhookIdsByAlert.computeIfAbsent(alert, a -> ConcurrentHashMap.newKeySet())
                .add(request.getHeader("webhook-id"));
            received.incrementAndGet();
            receiverVertx.setTimer(400, t -> request.response().setStatusCode(204).end());
          })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      Path config = work.resolve("relay.yaml");
      Files.writeString(config, "relay:\n  allow_cidrs: [127.0.0.0/8]\ndestinations:\n  soc:\n    type: webhook\n"
          + "    url: http://127.0.0.1:" + receiver.actualPort() + "/hook\n    timeout: 2\n");
      Map<String, String> env = Map.of("ALERTGATE_CONFIG", config.toString());
      Path dataDir = work.resolve("data");
      int port = freePort();
      Process first = launch(dataDir, port, "relay-first", env);
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < EVENTS / 4; i++) {
        sent.add(post(port, body(i)));
      }
      Map<Integer, String> acknowledged = acknowledged(sent, status -> false);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (received.get() < 10 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      first.destroyForcibly();
      assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      int beforeRestart = webhookIdsByAlert.size();
      assertTrue(beforeRestart < acknowledged.size(), "the kill came before every delivery: " + beforeRestart);

      Process second = launch(dataDir, port, "relay-second", env);
      // Deliveries cut off by the kill are taken again when their lease ends: 15 s for a 2 s timeout.
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (webhookIdsByAlert.size() < acknowledged.size() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(acknowledged.size(), webhookIdsByAlert.size(), "every acknowledged alert delivered");
      webhookIdsByAlert.forEach((alert, ids) -> assertEquals(1, ids.size(), "one webhook-id for alert " + alert));
      stopGracefully(second, dataDir);
    } finally {
      receiverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** Sends EVENTS alerts at once and calls stop when a quarter of them have been acknowledged. */
  private static List<CompletableFuture<HttpResponse<String>>> loadStoppedBy(int port, Runnable stop) {
    AtomicInteger acked = new AtomicInteger();
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      inFlight.add(post(port, body(i)).whenComplete((response, failure) -> {
        if (response != null && response.statusCode() == 202 && acked.incrementAndGet() == EVENTS / 4) {
          stop.run();
        }
      }));
    }
    return inFlight;
  }

  /** The acknowledged events' ids by index; every other answer's status must pass the check. */
  private static Map<Integer, String> acknowledged(List<CompletableFuture<HttpResponse<String>>> inFlight,
                                                   java.util.function.IntPredicate otherStatus) throws Exception {
    Map<Integer, String> acknowledged = new HashMap<>();
    for (int i = 0; i < inFlight.size(); i++) {
      HttpResponse<String> response;
      try {
        response = inFlight.get(i).get(30, TimeUnit.SECONDS);
      } catch (Exception connectionCut) {
        continue; // never answered, so never acknowledged: the sender would retry it
      }
      if (response.statusCode() == 202) {
        acknowledged.put(i, new JsonObject(response.body()).getString("id"));
      } else {
        assertTrue(otherStatus.test(response.statusCode()), response.statusCode() + " " + response.body());
      }
    }
    return acknowledged;
  }

  /** Each acknowledged event, sent again, is a duplicate of the event stored under its first id. */
  private static void assertDuplicates(int port, Map<Integer, String> acknowledged) throws Exception {
    for (Map.Entry<Integer, String> entry : acknowledged.entrySet()) {
      HttpResponse<String> again = post(port, body(entry.getKey())).get(30, TimeUnit.SECONDS);
      assertEquals(200, again.statusCode(), again.body());
      assertEquals(new JsonObject().put("id", entry.getValue()).put("status", "duplicate"), new JsonObject(again.body()));
    }
  }

  @Test
  @DisplayName("Invalid configuration: exit code 2 and one message naming the variable, before anything starts")
  void invalidConfiguration() throws Exception {
    Path dataDir = work.resolve("data");
    Process gateway = start(dataDir, freePort(), "bad-config", Map.of("ALERTGATE_DB_URL", "mysql://nope/db"));
    assertTrue(gateway.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, gateway.exitValue());
    assertEquals("Invalid configuration: ALERTGATE_DB_URL must start with postgresql:// "
        + "(form postgresql://user:password@host:port/database)", log("bad-config").strip());
    assertFalse(Files.exists(dataDir.resolve("postgres/postgresql.conf")), "nothing should have been started");
  }

  @Test
  @DisplayName("A stale postmaster.pid naming an unrelated live process does not block the next start")
  void stalePidFile() throws Exception {
    Path dataDir = work.resolve("data");
    int port = freePort();
    stopGracefully(launch(dataDir, port, "initial"), dataDir);
    // This test JVM is alive and is not PostgreSQL: the situation after a crash and a pid reused by another process.
    Files.writeString(dataDir.resolve("postgres/postmaster.pid"), ProcessHandle.current().pid() + "\n" + dataDir + "\n");
    Process restarted = launch(dataDir, port, "stale-pid");
    assertEquals(202, post(port, body(1)).get(30, TimeUnit.SECONDS).statusCode());
    stopGracefully(restarted, dataDir);
  }

  @Test
  @DisplayName("A second gateway on a data directory in use is refused with a message saying so")
  void secondGatewayOnSameDirectory() throws Exception {
    Path dataDir = work.resolve("data");
    Process first = launch(dataDir, freePort(), "owner");
    Process second = start(dataDir, freePort(), "intruder");
    assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second gateway should have exited");
    assertEquals(1, second.exitValue());
    assertTrue(log("intruder").contains("is in use by another running Alertgate process"), log("intruder"));
    assertTrue(first.isAlive());
    stopGracefully(first, dataDir);
  }

  /** SIGTERM: the gateway finishes, stops its PostgreSQL cleanly (no pid file left) and exits 0. */
  private void stopGracefully(Process gateway, Path dataDir) throws Exception {
    gateway.destroy();
    assertTrue(gateway.waitFor(60, TimeUnit.SECONDS), "gateway did not stop on SIGTERM");
    assertEquals(0, gateway.exitValue(), log("stop"));
    assertFalse(Files.exists(dataDir.resolve("postgres/postmaster.pid")), "PostgreSQL was not stopped");
  }

  /** Starts a gateway and waits until it is ready. */
  private Process launch(Path dataDir, int port, String name) throws Exception {
    return launch(dataDir, port, name, Map.of());
  }

  private Process launch(Path dataDir, int port, String name, Map<String, String> extraEnv) throws Exception {
    Process process = start(dataDir, port, name, extraEnv);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("gateway exited: " + log(name));
      }
      try {
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return process;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new AssertionError("gateway not ready in time: " + log(name));
  }

  private Process start(Path dataDir, int port, String name) throws Exception {
    return start(dataDir, port, name, Map.of());
  }

  private Process start(Path dataDir, int port, String name, Map<String, String> extraEnv) throws Exception {
    Path config = work.resolve("empty.yaml");
    Files.writeString(config, "{}\n");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.alertgate.Main")
        .redirectErrorStream(true)
        .redirectOutput(work.resolve(name + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.put("ALERTGATE_CONFIG", config.toString());
    env.put("ALERTGATE_DATA_DIR", dataDir.toString());
    env.put("ALERTGATE_HTTP_PORT", String.valueOf(port));
    env.put("ALERTGATE_ADMIN_PORT", String.valueOf(freePort()));
    env.put("ELASTIC_SIEM_WEBHOOK_SECRET", SECRET);
    env.putAll(extraEnv);
    return builder.start();
  }

  private String log(String name) {
    try {
      return Files.readString(work.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static String body(int i) {
    return "{\"kibana.alert.uuid\":\"crash-" + i + "\",\"kibana.alert.rule.name\":\"Crash test\"}";
  }

  private static CompletableFuture<HttpResponse<String>> post(int port, String body) {
    return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/elastic"))
        .header("Content-Type", "application/json")
        .header("X-Elastic-Signature", "sha256=" + Signatures.hex(SECRET, body))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long postmasterPid(Path dataDir) throws IOException {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
  }

  /** Line 4 of postmaster.pid is the port the server listens on. */
  private static int postmasterPort(Path dataDir) throws IOException {
    return Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
