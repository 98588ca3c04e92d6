package io.alertgate.http;

import io.alertgate.support.RawHttp;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.vertx.core.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kept-alive connections while the gateway stops, over raw sockets: every request the gateway has read gets an
 * answer, and the last answer on a connection says {@code Connection: close} before the gateway closes it.
 */
class StoppingConnectionsTest {

  private static final String LIVE = "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n";
  private static final long LISTENER_CLOSED_WITHIN_MS = 10_000;

  @Test
  @DisplayName("Once stopping, a kept-alive connection's next answer says Connection: close, and so does the last of"
      + " a pipelined pair, on both ports")
  void answersWhileStopping() throws Exception {
    try (RunningGateway gw = RunningGateway.start(TestConfigs.config());
         Socket ingest = connect(gw.gateway.ingestPort());
         Socket admin = connect(gw.gateway.adminPort())) {
      for (Socket socket : new Socket[] {ingest, admin}) {
        send(socket, LIVE);
        String first = readOne(socket.getInputStream());
        assertTrue(first.startsWith("HTTP/1.1 200"), first);
        assertFalse(closes(first), first);
      }
      gw.gateway.stopAccepting();
      String webhook = webhook("stopping-" + System.nanoTime());
      int half = webhook.length() - 5;
      send(ingest, webhook.substring(0, half));
      Thread.sleep(200);
      // The rest of a request in flight and, behind it, another one.
      send(ingest, webhook.substring(half) + LIVE);
      assertClosingPair(readToEnd(ingest), "HTTP/1.1 202", "HTTP/1.1 200");
      send(admin, LIVE);
      String last = readToEnd(admin);
      assertTrue(last.startsWith("HTTP/1.1 200") && closes(last), last);
    }
  }

  @Test
  @DisplayName("When the listener closes, a request in flight and the one pipelined behind it are both answered")
  void answersAfterTheListenerCloses() throws Exception {
    RunningGateway gw = RunningGateway.start(TestConfigs.config());
    try (Socket ingest = connect(gw.gateway.ingestPort())) {
      String webhook = webhook("closing-" + System.nanoTime());
      int half = webhook.length() - 5;
      send(ingest, webhook.substring(0, half));
      // Read by the gateway before the port closes, or the connection would be idle and closed at once.
      Thread.sleep(500);
      Future<Void> stopped = gw.gateway.stop();
      awaitListenerClosed(gw.gateway.ingestPort());
      send(ingest, webhook.substring(half) + LIVE);
      assertClosingPair(readToEnd(ingest), "HTTP/1.1 202", "HTTP/1.1 200");
      stopped.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } finally {
      gw.client.close();
      gw.vertx.close();
    }
  }

  /** Two answers: the first keeps the connection, the second closes it, and the gateway did close it. */
  private static void assertClosingPair(String answers, String firstStatus, String secondStatus) {
    int second = answers.indexOf("HTTP/1.1 ", 1);
    assertTrue(second > 0, "one answer only: " + answers);
    String first = answers.substring(0, second);
    String last = answers.substring(second);
    assertTrue(first.startsWith(firstStatus) && !closes(first), answers);
    assertTrue(last.startsWith(secondStatus) && closes(last), answers);
    assertEquals(2, RawHttp.responses(answers), answers);
  }

  private static boolean closes(String answer) {
    return answer.toLowerCase().contains("\r\nconnection: close\r\n");
  }

  private static String webhook(String id) {
    String body = "{\"kibana.alert.uuid\":\"" + id + "\"}";
    return "POST /api/v1/webhooks/elastic HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "X-Elastic-Signature: " + Signatures.hex(TestConfigs.ELASTIC_SECRET, body) + "\r\nContent-Length: "
        + body.length() + "\r\n\r\n" + body;
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    // Long enough for a commit, short enough that a connection left open fails the test.
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /** One answer with a Content-Length body, leaving the connection open. */
  private static String readOne(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int next = in.read();
      assertTrue(next >= 0, "closed before an answer: " + head);
      head.write(next);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int at = text.toLowerCase().indexOf("content-length: ") + "content-length: ".length();
    int length = Integer.parseInt(text.substring(at, text.indexOf("\r\n", at)).trim());
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** Everything until the gateway closes the connection; a read timeout means it left it open. */
  private static String readToEnd(Socket socket) throws IOException {
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static void awaitListenerClosed(int port) throws InterruptedException {
    long deadline = System.currentTimeMillis() + LISTENER_CLOSED_WITHIN_MS;
    while (System.currentTimeMillis() < deadline) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        Thread.sleep(20);
      } catch (IOException refused) {
        return;
      }
    }
    throw new AssertionError("the ingest port still accepts connections");
  }
}
