package io.alertgate.ingest;

import io.alertgate.config.GatewayConfig;
import io.alertgate.support.Eventually;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bound on body bytes in flight across the ingest event loops: 1 MiB here, with bodies of up to 512 KiB. */
class InflightBodiesTest {

  private static final int MAX_BODY = 512 * 1024;
  private static final Pattern GAUGE = Pattern.compile("(?m)^alertgate_ingest_inflight_body_bytes (\\S+)$");

  private static RunningGateway gw;

  @BeforeAll
  static void start() {
    JsonObject yaml = TestConfigs.yaml();
    yaml.getJsonObject("http").put("max_body_bytes", MAX_BODY).put("max_inflight_body_mib", 1);
    gw = RunningGateway.start(GatewayConfig.parse(yaml, Map.of()));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @BeforeEach
  void clean() throws InterruptedException {
    TestDatabase.truncate();
    Eventually.waitUntil(() -> inflight() == 0);
  }

  @Test
  @DisplayName("Concurrent large bodies past the bound: some get 503 overloaded, every 202 is stored, the bound frees")
  void concurrentLargeBodies() throws Exception {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      sent.add(gw.post("open").sendBuffer(Buffer.buffer(body(i, 400 * 1024))));
    }
    Set<String> accepted = new HashSet<>();
    int overloaded = 0;
    for (Future<HttpResponse<Buffer>> answer : sent) {
      HttpResponse<Buffer> response = gw.await(answer);
      if (response.statusCode() == 503) {
        assertEquals("overloaded", response.bodyAsJsonObject().getString("error"));
        assertEquals("1", response.getHeader("Retry-After"));
        overloaded++;
      } else {
        assertEquals(202, response.statusCode(), response.bodyAsString());
        accepted.add(response.bodyAsJsonObject().getString("id"));
      }
    }
    assertTrue(overloaded > 0, "40 bodies of 400 KiB at once should not all fit in 1 MiB");
    assertTrue(!accepted.isEmpty(), "some bodies should have fitted");
    assertEquals(accepted.size(), TestDatabase.count("SELECT count(*) FROM inbound_event"));
    Eventually.waitUntil(() -> inflight() == 0);
  }

  @Test
  @DisplayName("Declared bodies being sent hold their bytes; a body that does not fit gets 503, one that fits 202")
  void heldByBodiesStillArriving() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      // Three senders that declared 300 KiB and sent only part of it hold 900 KiB of the 1 MiB.
      for (int i = 0; i < 3; i++) {
        slow.add(startDeclared(300 * 1024));
      }
      Eventually.waitUntil(() -> inflight() == 900 * 1024);
      HttpResponse<Buffer> refused = gw.await(gw.post("open").sendBuffer(Buffer.buffer(body(1, 200 * 1024))));
      assertEquals(503, refused.statusCode());
      assertEquals("overloaded", refused.bodyAsJsonObject().getString("error"));
      assertEquals("close", refused.getHeader("Connection"));
      assertEquals(202, gw.await(gw.post("open").sendBuffer(Buffer.buffer(body(2, 50 * 1024)))).statusCode());
    } finally {
      for (Socket socket : slow) {
        // The senders vanish mid-body: their bytes must come back all the same.
        socket.close();
      }
    }
    Eventually.waitUntil(() -> inflight() == 0);
    assertEquals(1, TestDatabase.count("SELECT count(*) FROM inbound_event"));
  }

  @Test
  @DisplayName("A chunked body is counted as it arrives and refused with 503 once it passes the bound")
  void chunkedPastTheBound() throws Exception {
    try (Socket holder = startDeclared(MAX_BODY); Socket other = startDeclared(100 * 1024);
         Socket socket = new Socket("127.0.0.1", gw.gateway.ingestPort())) {
      Eventually.waitUntil(() -> inflight() == MAX_BODY + 100 * 1024);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head("Transfer-Encoding: chunked"));
      byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      try {
        // 8 chunks of 64 KiB would fit the body limit, but not the 412 KiB of the bound left.
        for (int i = 0; i < 8; i++) {
          out.write(chunk);
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException closedEarly) {
        // The gateway may answer and close before it has read everything.
      }
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(response.startsWith("HTTP/1.1 503"), response);
      assertTrue(response.contains("\"error\":\"overloaded\""), response);
    }
    Eventually.waitUntil(() -> inflight() == 0);
  }

  @Test
  @DisplayName("A body that never finishes arriving gets 408 and gives its bytes back")
  void timedOutBodyGivesBack() throws Exception {
    try (Socket socket = startDeclared(100 * 1024)) {
      socket.setSoTimeout(20_000);
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(response.startsWith("HTTP/1.1 408"), response);
    }
    Eventually.waitUntil(() -> inflight() == 0);
  }

  @Test
  @DisplayName("Refused bodies (bad signature, bad JSON) give their bytes back")
  void refusedBodiesGiveBack() throws Exception {
    assertEquals(401, gw.send(gw.post("elastic").putHeader("X-Elastic-Signature", "sha256=00"),
        new String(body(1, 100 * 1024), StandardCharsets.UTF_8)).statusCode());
    assertEquals(400, gw.send(gw.post("open"), "{\"a\":" + "1".repeat(100 * 1024)).statusCode());
    Eventually.waitUntil(() -> inflight() == 0);
  }

  /** Sends the headers of a request declaring {@code length} bytes and the first 1 KiB of its body. */
  private static Socket startDeclared(int length) throws IOException {
    Socket socket = new Socket("127.0.0.1", gw.gateway.ingestPort());
    OutputStream out = socket.getOutputStream();
    out.write(head("Content-Length: " + length));
    out.write(new byte[1024]);
    out.flush();
    return socket;
  }

  private static byte[] head(String framing) {
    return ("POST /api/v1/webhooks/open HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** A distinct JSON object of about {@code size} bytes. */
  private static byte[] body(int n, int size) {
    return ("{\"n\":" + n + ",\"pad\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  /** The gauge, as Prometheus reads it on the admin port. */
  private static long inflight() {
    String scraped = gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/metrics").send()).bodyAsString();
    Matcher matcher = GAUGE.matcher(scraped);
    assertTrue(matcher.find(), "no alertgate_ingest_inflight_body_bytes on /metrics");
    return (long) Double.parseDouble(matcher.group(1));
  }
}
