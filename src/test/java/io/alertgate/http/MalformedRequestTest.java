package io.alertgate.http;

import io.alertgate.support.LogCapture;
import io.alertgate.support.RawHttp;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestConfigs;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests that are broken at the HTTP level, sent over a raw socket to both ports: each gets a JSON error. */
class MalformedRequestTest {

  private static final String ADMIN_AUTH = "Authorization: Bearer " + TestConfigs.ADMIN_TOKEN + "\r\n";

  private static RunningGateway gw;
  private static LogCapture logs;

  @BeforeAll
  static void start() {
    logs = LogCapture.attach();
    gw = RunningGateway.start(TestConfigs.config());
  }

  @AfterAll
  static void stop() {
    gw.close();
    logs.close();
  }

  @Test
  @DisplayName("A malformed %-escape in a path or query is a 400 JSON error, counted as refused, never logged as a bug")
  void badEscapes() throws IOException {
    double unknownBefore = refused("_unknown");
    double elasticBefore = refused("elastic");
    assertJsonError(post(ingest(), "/api/v1/webhooks/%zz"), 400, "invalid_path");
    assertJsonError(post(ingest(), "/api/v1/webhooks/elastic?token=%"), 400, "invalid_parameter");
    assertJsonError(get(admin(), "/api/v1/alerts/%zz", ADMIN_AUTH), 400, "invalid_path");
    assertEquals(unknownBefore + 1, refused("_unknown"));
    assertEquals(elasticBefore + 1, refused("elastic"));
    assertFalse(logs.text().contains("Unhandled failure"), logs.text());
  }

  @Test
  @DisplayName("Content-Length with Transfer-Encoding, or a coding other than chunked alone: 400, connection closed")
  void smuggling() throws IOException {
    String smuggled = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
    for (int port : new int[] {ingest(), admin()}) {
      String both = RawHttp.exchange(port, "POST /api/v1/webhooks/elastic HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "0\r\n\r\n" + smuggled);
      assertJsonError(both, 400, "invalid_framing");
      assertEquals(1, RawHttp.responses(both), both);
      for (String coding : new String[] {"chunked, identity", "identity", "gzip, chunked"}) {
        String other = RawHttp.exchange(port, "POST /api/v1/webhooks/elastic HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: " + coding + "\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
            + smuggled);
        assertJsonError(other, 400, "invalid_framing");
        assertEquals(1, RawHttp.responses(other), other);
      }
    }
  }

  @Test
  @DisplayName("Errors of the HTTP parser itself (request line, URI and header sizes) are JSON errors on both ports")
  void parserErrors() throws IOException {
    for (int port : new int[] {ingest(), admin()}) {
      assertJsonError(RawHttp.exchange(port, "GARBAGE\r\n\r\n"), 400, "bad_request");
      assertJsonError(get(port, "/" + "a".repeat(10_000), ""), 414, "uri_too_long");
      assertJsonError(get(port, "/health", "X-Big: " + "b".repeat(10_000) + "\r\n"), 431, "headers_too_large");
    }
  }

  @Test
  @DisplayName("A method the path does not take is a 405 naming the allowed ones in Allow, on both ports")
  void methodNotAllowed() throws IOException {
    String webhook = request(ingest(), "GET /api/v1/webhooks/elastic", "");
    assertJsonError(webhook, 405, "method_not_allowed");
    assertTrue(webhook.contains("\r\nAllow: POST\r\n"), webhook);
    String health = request(admin(), "DELETE /health/ready", "");
    assertJsonError(health, 405, "method_not_allowed");
    assertTrue(health.contains("\r\nAllow: GET\r\n"), health);
    String integration = request(admin(), "POST /api/integrations/abc", ADMIN_AUTH);
    assertJsonError(integration, 405, "method_not_allowed");
    assertTrue(integration.contains("\r\nAllow: DELETE, GET, PUT\r\n"), integration);
    assertJsonError(request(ingest(), "DELETE /no/such/path", ""), 404, "not_found");
  }

  @Test
  @DisplayName("A method no HTTP specification defines is a 501 on both ports, whatever the path")
  void unknownMethod() throws IOException {
    for (int port : new int[] {ingest(), admin()}) {
      assertJsonError(request(port, "FOO /api/v1/webhooks/elastic", ""), 501, "not_implemented");
      assertJsonError(request(port, "PROPFIND /health/ready", ""), 501, "not_implemented");
      assertJsonError(request(port, "BREW /api/v1/alerts", ADMIN_AUTH), 501, "not_implemented");
    }
  }

  @Test
  @DisplayName("Admin bodies must be UTF-8 too: another declared charset is a 415, ill-formed UTF-8 a 400")
  void adminBodyEncodings() throws IOException {
    String path = "/api/v1/integrations/webhook/config";
    assertJsonError(RawHttp.exchange(admin(), adminPost(path, "application/json; charset=latin1",
        "{\"a\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1))), 415, "unsupported_charset");
    byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
    assertJsonError(RawHttp.exchange(admin(), adminPost(path, "application/json", overlong)), 400, "invalid_encoding");
  }

  private static byte[] adminPost(String path, String contentType, byte[] body) {
    byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + ADMIN_AUTH + "Content-Type: " + contentType
        + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] request = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    return request;
  }

  private static String post(int port, String target) throws IOException {
    return RawHttp.exchange(port, "POST " + target + " HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
  }

  private static String get(int port, String target, String headers) throws IOException {
    return request(port, "GET " + target, headers);
  }

  /** A request without a body: its method and target, then its headers. */
  private static String request(int port, String methodAndTarget, String headers) throws IOException {
    return RawHttp.exchange(port, methodAndTarget + " HTTP/1.1\r\nHost: localhost\r\n" + headers
        + "Connection: close\r\n\r\n");
  }

  private static int ingest() {
    return gw.gateway.ingestPort();
  }

  private static int admin() {
    return gw.gateway.adminPort();
  }

  /** The webhooks counted as refused for a source ({@code outcome="invalid"}), read from /metrics. */
  private static double refused(String source) throws IOException {
    String metrics = get(admin(), "/metrics", "");
    Matcher line = Pattern.compile("alertgate_webhooks_total\\{[^}]*\\} ([0-9.E]+)").matcher("");
    for (String text : metrics.split("\n")) {
      if (text.startsWith("alertgate_webhooks_total{") && text.contains("source=\"" + source + "\"")
          && text.contains("outcome=\"invalid\"") && line.reset(text).find()) {
        return Double.parseDouble(line.group(1));
      }
    }
    throw new AssertionError("no refused-webhook counter for " + source + " in " + metrics);
  }

  static void assertJsonError(String answer, int status, String code) {
    assertTrue(answer.matches("(?s)HTTP/1\\.[01] " + status + " .*"), answer);
    assertTrue(answer.toLowerCase().contains("content-type: application/json"), answer);
    JsonObject body = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertEquals(code, body.getString("error"), answer);
    assertFalse(body.getString("message").isBlank(), answer);
    assertFalse(body.getString("message").contains("Exception"), answer);
  }
}
