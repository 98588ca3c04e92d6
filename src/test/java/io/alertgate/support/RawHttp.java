package io.alertgate.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes bytes to a port and reads everything until the server closes: for requests no HTTP client would send
 * (broken request lines, conflicting framing headers), and to see whether the server closed the connection.
 */
public final class RawHttp {

  private static final int READ_TIMEOUT_MS = 10_000;

  private RawHttp() {
  }

  /** The whole answer (every response on the connection), read until the server closes it. */
  public static String exchange(int port, String request) throws IOException {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  public static String exchange(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(READ_TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException closedEarly) {
        // The server may answer and close before reading everything; its answer is still there to read.
      }
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** One request on its own connection, closed after the answer, with the headers given and the body, if any. */
  public static String call(int port, String method, String target, Map<String, String> headers, byte[] body)
      throws IOException {
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    byte[] start = head.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
    byte[] request = Arrays.copyOf(start, start.length + (body == null ? 0 : body.length));
    if (body != null) {
      System.arraycopy(body, 0, request, start.length, body.length);
    }
    return exchange(port, request);
  }

  /** How many HTTP responses an answer holds: a smuggled second request would add one. */
  public static int responses(String answer) {
    return answer.split("HTTP/1\\.1 ", -1).length - 1;
  }
}
