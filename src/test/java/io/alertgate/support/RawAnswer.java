package io.alertgate.support;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One HTTP/1.1 answer as {@link RawHttp} read it, and what the fuzz tests ask of every answer the gateway gives a
 * stranger: a whole response (not a reset or silence), never a 500, a JSON body, an error one that names the error,
 * and no secret in it.
 */
public record RawAnswer(int status, String headers, String body) {

  public static RawAnswer parse(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    // A request the parser could not read is answered as HTTP/1.0: it never learnt the client's version.
    if (!answer.matches("(?s)HTTP/1\\.[01] \\d{3}.*") || end < 0) {
      fail("not a whole HTTP response: " + abbreviated(answer));
    }
    String head = answer.substring(0, end);
    String body = answer.substring(end + 4);
    String lower = head.toLowerCase(Locale.ROOT);
    if (lower.contains("\r\ntransfer-encoding: chunked")) {
      body = unchunked(body);
    }
    return new RawAnswer(Integer.parseInt(answer.substring(9, 12)), head, body);
  }

  /** The answer is one of the statuses, JSON, an error one naming its error, and shows none of the secrets. */
  public JsonObject assertWellFormed(List<Integer> statuses, List<String> secrets) {
    assertTrue(statuses.contains(status), () -> "status " + status + " not among " + statuses + ": " + this);
    assertTrue(headers.toLowerCase(Locale.ROOT).contains("\r\ncontent-type: application/json"), this::toString);
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (DecodeException notJson) {
      throw new AssertionError("the body is not a JSON object: " + this, notJson);
    }
    if (status >= 400) {
      assertNotNull(json.getString("error"), this::toString);
      assertFalse(json.getString("message", "").isBlank(), this::toString);
    }
    for (String secret : secrets) {
      assertFalse(body.contains(secret) || headers.contains(secret), () -> "the answer shows a secret: " + this);
    }
    return json;
  }

  private static String unchunked(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int line = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, line).trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      // Sizes count bytes; the bodies here are JSON, where anything beyond ASCII would be escaped or rare.
      body.append(chunked, line + 2, line + 2 + size);
      at = line + 2 + size + 2;
    }
  }

  private static String abbreviated(String text) {
    return text.length() <= 600 ? text : text.substring(0, 600) + "...";
  }

  @Override
  public String toString() {
    return status + " " + abbreviated(body);
  }

}
