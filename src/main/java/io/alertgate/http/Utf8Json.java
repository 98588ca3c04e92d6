package io.alertgate.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one encoding rule for JSON bodies on both ports, RFC 8259 section 8.1: JSON exchanged between systems is
 * UTF-8. A body in another encoding, or that says it is in one, is refused rather than guessed at: read as UTF-8,
 * a Latin-1 or UTF-16 body would be stored as something the sender never wrote.
 */
public final class Utf8Json {

  private static final int DECODE_WINDOW = 8192;

  private Utf8Json() {
  }

  /** A 415 when the Content-Type names a charset other than UTF-8; null when it names none or UTF-8. */
  public static ApiError charsetRefusal(String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("charset")) {
        String charset = parameter[1].trim().replace("\"", "").toLowerCase(Locale.ROOT);
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          return new ApiError(415, "unsupported_charset", "JSON bodies must be UTF-8 (charset=utf-8 or none)");
        }
      }
    }
    return null;
  }

  /**
   * @throws ApiError 400 when the body is UTF-16 or UTF-32 (a byte order mark, or the NULs that ASCII text in them
   *     has) or is not well-formed UTF-8: overlong forms, encoded surrogates (CESU-8), stray continuation bytes
   */
  public static void requireUtf8(byte[] body) {
    if (isUtf16Or32(body)) {
      throw notUtf8();
    }
    // A new decoder each time: decoders keep state and are not thread-safe; REPORT, since the default replaces.
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    // Decoded through a small window rather than into one CharBuffer, which would cost twice the body's size.
    CharBuffer window = CharBuffer.allocate(DECODE_WINDOW);
    CoderResult result;
    do {
      window.clear();
      result = decoder.decode(in, window, true);
      if (result.isError()) {
        throw notUtf8();
      }
    } while (result.isOverflow());
    window.clear();
    if (decoder.flush(window).isError()) {
      throw notUtf8();
    }
  }

  /** RFC 4627 section 3's detection: its byte order mark, or a NUL among the first two bytes of ASCII JSON text. */
  private static boolean isUtf16Or32(byte[] body) {
    if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
        || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
      return true;
    }
    return body.length >= 2 && (body[0] == 0 || body[1] == 0);
  }

  private static ApiError notUtf8() {
    return new ApiError(400, "invalid_encoding", "The body must be UTF-8 encoded JSON (RFC 8259)");
  }
}
