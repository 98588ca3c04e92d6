package io.alertgate.ingest.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.config.SourceConfig;
import io.alertgate.digest.Digests;
import io.alertgate.vendor.VendorEventIds;

import java.util.HexFormat;
import java.util.Optional;

/**
 * What makes a re-sent event recognisable, first present wins: the sender's {@code webhook-id}, the vendor's own
 * alert id, the digest of the body.
 *
 * <p>A {@code webhook-id} is only as trustworthy as the signature over it. Standard Webhooks signs it, so it alone
 * is the key and a second body under it is a replay. HMAC and token sources sign the body only: anyone who saw one
 * signed request could resend it under ids of their choosing, so there the key is the id together with the body
 * digest. An exact retry is still a duplicate, and a forged id can never claim an id the real sender uses later.
 */
public final class DedupKeys {

  public static final String WEBHOOK_ID_PREFIX = "webhook-id:";
  private static final int MAX_KEY_CHARS = 200;

  private DedupKeys() {
  }

  /** @param signedId whether the source's scheme signs the webhook-id (Standard Webhooks) */
  public static String of(SourceConfig source, String webhookId, boolean signedId, JsonNode body, byte[] bodySha256) {
    String digest = HexFormat.of().formatHex(bodySha256);
    if (webhookId != null && !webhookId.isBlank()) {
      String id = WEBHOOK_ID_PREFIX + webhookId.trim();
      return signedId ? Digests.boundedKey(id, MAX_KEY_CHARS) : Digests.boundedKey(id, MAX_KEY_CHARS - 72) + "#" + digest;
    }
    Optional<String> vendorId = VendorEventIds.of(source.vendor(), body, source.dedupPointer());
    return vendorId.map(key -> Digests.boundedKey(key, MAX_KEY_CHARS)).orElseGet(() -> "body:" + digest);
  }

  /** A key made of a signed webhook-id alone: the same id with another body is a replay. */
  public static boolean isSignedWebhookId(String key) {
    return key.startsWith(WEBHOOK_ID_PREFIX) && key.indexOf('#') < 0;
  }
}
