package io.alertgate.digest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature, for both directions: what ingest checks on a sender's request, and what the
 * gateway signs on the webhooks it sends. The scheme signs the message id, the timestamp and the body, joined by
 * dots, with HMAC-SHA256, and writes {@code v1,<base64>}.
 */
public final class StandardWebhooksSignature {

  public static final String VERSION = "v1,";
  private static final byte[] DOT = {'.'};

  private StandardWebhooksSignature() {
  }

  /** What is signed, in the order it is fed to the HMAC (the body is not copied). */
  public static byte[][] signedContent(String id, String timestamp, byte[] body) {
    return new byte[][] {id.getBytes(StandardCharsets.UTF_8), DOT, timestamp.getBytes(StandardCharsets.US_ASCII),
        DOT, body};
  }

  /** The {@code webhook-signature} value for one key. */
  public static String sign(byte[] key, String id, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : signedContent(id, Long.toString(timestampSeconds), body)) {
        mac.update(part);
      }
      return VERSION + Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
