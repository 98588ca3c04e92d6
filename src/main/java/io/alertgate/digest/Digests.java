package io.alertgate.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one digest the gateway uses: dedup keys, bounded ids and keys in alerts, the admin token. */
public final class Digests {

  private static final int MAX_PREFIX = 32;

  private Digests() {
  }

  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /**
   * Keeps a {@code kind:value} key printable and short: a value that is too long or holds control characters is
   * replaced by its digest, keeping the kind. Keys come from senders, and an unbounded or NUL-bearing one must
   * neither bloat an index nor make PostgreSQL reject the batch it shares with other rows.
   */
  public static String boundedKey(String key, int maxChars) {
    if (key.codePoints().allMatch(Digests::storable) && key.length() <= maxChars) {
      return key;
    }
    int colon = key.indexOf(':');
    // The kind prefix is kept only when it is a short, clean word; otherwise the whole key is digested.
    boolean cleanPrefix = colon > 0 && colon <= MAX_PREFIX && key.substring(0, colon).codePoints().allMatch(Digests::storable);
    int keep = cleanPrefix ? colon + 1 : 0;
    return key.substring(0, keep) + "sha256:" + HexFormat.of().formatHex(sha256(utf16(key.substring(keep))));
  }

  /** The code units themselves: lossless where UTF-8 would turn every unpaired surrogate into the same '?'. */
  private static byte[] utf16(String text) {
    byte[] bytes = new byte[text.length() * 2];
    for (int i = 0; i < text.length(); i++) {
      bytes[2 * i] = (byte) (text.charAt(i) >> 8);
      bytes[2 * i + 1] = (byte) text.charAt(i);
    }
    return bytes;
  }

  /**
   * No control characters, and no unpaired surrogate: Jackson accepts one in a string, but UTF-8 cannot carry it,
   * so it would be stored as '?' and no longer match itself.
   */
  private static boolean storable(int codePoint) {
    return codePoint >= 0x20 && codePoint != 0x7f && (codePoint < 0xd800 || codePoint > 0xdfff);
  }

  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }
}
