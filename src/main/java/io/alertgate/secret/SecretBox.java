package io.alertgate.secret;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets for storage with AES-256-GCM under the {@link MasterKey}, as {@code agv1:<key id>:<data>}, where the
 * data is the base64url of a fresh 12-byte nonce, the ciphertext and the 16-byte tag. The context (such as
 * {@code destination:jira:api_token}) is authenticated with the value: a sealed value copied into another field or
 * another destination does not open there. Safe to share between threads.
 */
public final class SecretBox {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** Names the format, so that another can follow it and both be told apart in the database. */
  private static final String VERSION = "agv1:";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int TAG_BYTES = TAG_BITS / 8;
  private static final Base64.Encoder DATA = Base64.getUrlEncoder().withoutPadding();
  // 12 bytes of nonce and 16 of tag, even for an empty secret, are 38 characters of unpadded base64url.
  private static final Pattern SEALED = Pattern.compile(VERSION + "([0-9a-f]{8}):([A-Za-z0-9_-]{38,})");

  private final MasterKey key;

  public SecretBox(MasterKey key) {
    this.key = Objects.requireNonNull(key);
  }

  /** Whether the text has the sealed format (it may still be altered or of another key: only opening tells). */
  public static boolean isSealed(String text) {
    return text != null && SEALED.matcher(text).matches();
  }

  /**
   * Seals a secret for one field.
   *
   * @param plaintext the secret; any string of whole Unicode characters, the empty one included
   * @param context   names the field it belongs to; only the same context opens it
   */
  public String seal(String plaintext, String context) {
    requireContext(context);
    byte[] data = utf8(Objects.requireNonNull(plaintext, "plaintext"));
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
      byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + cipher.getOutputSize(data.length));
      cipher.doFinal(data, 0, data.length, sealed, NONCE_BYTES);
      return VERSION + key.id() + ":" + DATA.encodeToString(sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * Opens what {@link #seal} returned for the same context.
   *
   * @throws KeyMismatchException when another master key sealed it
   * @throws SecretException      when it is not a sealed value, was altered, or was sealed for another context
   */
  public String open(String sealed, String context) {
    requireContext(context);
    Matcher parts = SEALED.matcher(Objects.requireNonNull(sealed, "sealed"));
    if (!parts.matches()) {
      throw new SecretException("The value of " + context + " is not a sealed secret (agv1:<key id>:<data>)");
    }
    if (!parts.group(1).equals(key.id())) {
      throw new KeyMismatchException(context, parts.group(1), key.id());
    }
    byte[] data = decode(parts.group(2), context);
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(data, NONCE_BYTES), context);
      return text(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), context);
    } catch (AEADBadTagException e) {
      throw new SecretException("The value of " + context + " did not pass its integrity check: it was altered, or "
          + "sealed for another field or destination");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(utf8(context));
    return cipher;
  }

  private static void requireContext(String context) {
    if (context == null || context.isBlank()) {
      throw new IllegalArgumentException("a context naming the field the secret belongs to is required");
    }
  }

  private static byte[] decode(String base64url, String context) {
    byte[] data;
    try {
      data = Base64.getUrlDecoder().decode(base64url);
    } catch (IllegalArgumentException e) {
      throw new SecretException("The value of " + context + " is damaged: its data is not base64url");
    }
    // The last character's spare bits are not checked by the decoder; a value written by seal() has them clear.
    if (!DATA.encodeToString(data).equals(base64url)) {
      throw new SecretException("The value of " + context + " is damaged: its data is not base64url as seal writes it");
    }
    if (data.length < NONCE_BYTES + TAG_BYTES) {
      throw new SecretException("The value of " + context + " is damaged: too short to hold a nonce and a tag");
    }
    return data;
  }

  /** Strict UTF-8: an unpaired surrogate would otherwise be sealed as '?' and open as something else. */
  private static byte[] utf8(String text) {
    try {
      ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
      return Arrays.copyOfRange(encoded.array(), encoded.arrayOffset() + encoded.position(),
          encoded.arrayOffset() + encoded.limit());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("a secret or context must be whole Unicode characters (it has an unpaired "
          + "surrogate)");
    }
  }

  private static String text(byte[] utf8, String context) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException e) {
      // The tag checked out, so only a value sealed by something other than seal() could get here.
      throw new SecretException("The value of " + context + " does not hold UTF-8 text");
    }
  }
}
