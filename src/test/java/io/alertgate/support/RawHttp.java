package io.alertgate.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

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

  /** How many HTTP responses an answer holds: a smuggled second request would add one. */
  public static int responses(String answer) {
    return answer.split("HTTP/1\\.1 ", -1).length - 1;
  }
}
