package io.alertgate.secret;

import io.alertgate.config.ConfigException;
import io.alertgate.digest.Digests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that seals destination secrets at rest. It comes from {@code ALERTGATE_MASTER_KEY}, else from
 * {@code <data dir>/master.key}, which the first start generates. Gateways sharing one database must share this key:
 * each one left to itself would generate its own and could not open what the others sealed.
 *
 * <p>The key is never printed; its {@link #id()} tells which key sealed a value without revealing anything of it.
 */
public final class MasterKey {

  /** The environment variable that gives the key, as base64 or base64url of {@value #BYTES} bytes. */
  public static final String VARIABLE = "ALERTGATE_MASTER_KEY";
  static final int BYTES = 32;
  // A label of its own, so that the id is a digest no other use of SHA-256 over the key would produce.
  private static final byte[] ID_LABEL = "alertgate master key id\0".getBytes(StandardCharsets.US_ASCII);
  private static final int ID_HEX_CHARS = 8;

  /** Where a loaded key came from, for the start-up log. */
  public enum Origin { ENVIRONMENT, FILE, GENERATED }

  private final SecretKey key;
  private final String id;
  private final Origin origin;

  private MasterKey(byte[] bytes, Origin origin) {
    this.key = new SecretKeySpec(bytes, "AES");
    this.id = idOf(bytes);
    this.origin = origin;
  }

  /**
   * The key from {@code ALERTGATE_MASTER_KEY} when it is set, else from {@code dataDir/master.key}, generating that
   * file on a first start. Reads and writes files and may wait for the disk: call it off the event loop (before
   * Vert.x starts, or in {@code executeBlocking}).
   *
   * @throws ConfigException when the variable or the file does not hold a key; the message never shows the value
   * @throws java.io.UncheckedIOException when the file cannot be read or written
   */
  public static MasterKey load(Path dataDir, Map<String, String> env) {
    String configured = env.get(VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return new MasterKey(decode(configured).orElseThrow(() -> new ConfigException(VARIABLE, "must be the base64 "
          + "(or base64url) of exactly " + BYTES + " random bytes, as `openssl rand -base64 32` prints; the value set "
          + "is not")), Origin.ENVIRONMENT);
    }
    MasterKeyFile.Loaded loaded = MasterKeyFile.in(dataDir).loadOrCreate(MasterKey::random);
    return new MasterKey(loaded.key(), loaded.generated() ? Origin.GENERATED : Origin.FILE);
  }

  /** A key of the given bytes (the array is copied), counted as given, like the variable. */
  static MasterKey of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a master key has " + BYTES + " bytes, not " + bytes.length);
    }
    return new MasterKey(bytes.clone(), Origin.ENVIRONMENT);
  }

  /** The 32 bytes of base64 or base64url text (padding optional), or empty when the text is anything else. */
  static Optional<byte[]> decode(String text) {
    String trimmed = text.trim();
    for (Base64.Decoder decoder : new Base64.Decoder[] {Base64.getDecoder(), Base64.getUrlDecoder()}) {
      try {
        byte[] bytes = decoder.decode(trimmed);
        if (bytes.length == BYTES) {
          return Optional.of(bytes);
        }
      } catch (IllegalArgumentException notThisAlphabet) {
        // The other alphabet may still read it.
      }
    }
    return Optional.empty();
  }

  private static byte[] random() {
    byte[] bytes = new byte[BYTES];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static String idOf(byte[] bytes) {
    byte[] labelled = Arrays.copyOf(ID_LABEL, ID_LABEL.length + bytes.length);
    System.arraycopy(bytes, 0, labelled, ID_LABEL.length, bytes.length);
    return HexFormat.of().formatHex(Digests.sha256(labelled)).substring(0, ID_HEX_CHARS);
  }

  /** Eight hex characters that name this key in sealed values and in messages. */
  public String id() {
    return id;
  }

  public Origin origin() {
    return origin;
  }

  SecretKey secretKey() {
    return key;
  }

  /** The id only, never the key. */
  @Override
  public String toString() {
    return "MasterKey[id=" + id + ", origin=" + origin + "]";
  }
}
