package io.alertgate.enrich.provider;

import java.nio.charset.StandardCharsets;

/**
 * A value made safe as one segment of a URL's path: an indicator from an alert may hold '/', '?' or '#', which
 * must not reach another resource than the one asked about.
 */
final class PathSegment {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathSegment() {
  }

  static String encode(String value) {
    if (value.equals(".") || value.equals("..")) {
      // Unreserved, yet as a whole segment they climb the path.
      return value.replace(".", "%2E");
    }
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      // RFC 3986 unreserved characters, and ':' for IPv6 addresses.
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~:".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }
}
