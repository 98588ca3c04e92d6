package io.alertgate.digest;

import com.standardwebhooks.Webhook;
import io.alertgate.config.StandardWebhooksSecret;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The signature the gateway will put on the webhooks it sends, held against the specification and its library. */
class StandardWebhooksSignatureTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Test
  @DisplayName("The specification's test vector signs to its signature")
  void vector() {
    assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", StandardWebhooksSignature.sign(
        StandardWebhooksSecret.key(SECRET), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
        "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("What it signs, the reference library verifies: unicode, long bodies and many ids")
  void verifiedByTheReferenceLibrary() throws Exception {
    Webhook reference = new Webhook(SECRET);
    long now = System.currentTimeMillis() / 1000;
    for (int i = 0; i < 50; i++) {
      String id = UUID.randomUUID().toString();
      String body = "{\"n\":" + i + ",\"text\":\"\u00fc\u2603\ud83d\ude00 " + "y".repeat(i * 31) + "\"}";
      String signature = StandardWebhooksSignature.sign(StandardWebhooksSecret.key(SECRET), id, now,
          body.getBytes(StandardCharsets.UTF_8));
      assertDoesNotThrow(() -> reference.verify(body, Map.of("webhook-id", List.of(id),
          "webhook-timestamp", List.of(String.valueOf(now)), "webhook-signature", List.of(signature))));
    }
  }
}
