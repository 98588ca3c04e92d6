package io.alertgate.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Signs test requests the way senders do, independently of the gateway's own code. */
public final class Signatures {

  private Signatures() {
  }

  public static byte[] hmac(byte[] key, byte[] content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(String secret, String body) {
    return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
  }

  public static String hex(String secret, byte[] body) {
    return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  public static String base64(String secret, String body) {
    return Base64.getEncoder().encodeToString(
        hmac(secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code v1,<base64>} over {@code id.timestamp.body} with the key inside a {@code whsec_} secret. */
  public static String standardWebhooks(String whsec, String id, long timestamp, String body) {
    return standardWebhooks(whsec, id, Long.toString(timestamp), body.getBytes(StandardCharsets.UTF_8));
  }

  public static String standardWebhooks(String whsec, String id, long timestamp, byte[] body) {
    return standardWebhooks(whsec, id, Long.toString(timestamp), body);
  }

  /** As a sender signs it, with the timestamp exactly as it writes it in the header. */
  public static String standardWebhooks(String whsec, String id, String timestamp, byte[] body) {
    byte[] key = Base64.getDecoder().decode(whsec.substring("whsec_".length()));
    byte[] head = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] content = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, content, head.length, body.length);
    return "v1," + Base64.getEncoder().encodeToString(hmac(key, content));
  }
}
