package io.alertgate.ingest.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one digest dedup keys are made of. */
public final class Digests {

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
    boolean printable = key.chars().allMatch(c -> c >= 0x20 && c != 0x7f);
    if (printable && key.length() <= maxChars) {
      return key;
    }
    int colon = key.indexOf(':');
    return key.substring(0, colon + 1) + "sha256:" + sha256Hex(key.substring(colon + 1));
  }

  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }
}
