package io.alertgate.ingest.auth;

import io.alertgate.config.StandardWebhooksSecret;
import io.alertgate.digest.StandardWebhooksSignature;

import java.util.Base64;
import java.util.List;

/**
 * The Standard Webhooks scheme: {@code webhook-signature} holds space-separated {@code v1,<base64>} HMACs of
 * {@code id.timestamp.body}; the timestamp must be within the tolerance either way, which bounds replays.
 */
final class StandardWebhooksAuthenticator implements SourceAuthenticator {

  private static final String VERSION = StandardWebhooksSignature.VERSION;
  private static final int DIGEST_BYTES = 32;
  static final int MAX_CANDIDATES = 16;

  private final Hmacs hmacs;
  private final long toleranceSeconds;

  StandardWebhooksAuthenticator(List<String> secrets, long toleranceSeconds) {
    this.hmacs = new Hmacs(secrets.stream().map(StandardWebhooksSecret::key).toList());
    this.toleranceSeconds = toleranceSeconds;
  }

  @Override
  public void verify(AuthRequest request) {
    String id = request.headers().get("webhook-id");
    String timestamp = request.headers().get("webhook-timestamp");
    String signatures = request.headers().get("webhook-signature");
    if (id == null || timestamp == null || signatures == null) {
      throw new AuthRejectedException("missing_signature",
          "The webhook-id, webhook-timestamp and webhook-signature headers are required");
    }
    long sentAt = parseSeconds(timestamp.trim());
    if (Math.abs(request.nowSeconds() - sentAt) > toleranceSeconds) {
      throw new AuthRejectedException("stale_timestamp",
          "webhook-timestamp is more than " + toleranceSeconds + " seconds away from the gateway's clock");
    }
    byte[][] expected = null;
    String[] candidates = signatures.trim().split(" +");
    // The header is the sender's to fill: look at a bounded number of candidates, and hash the body only once.
    for (int i = 0; i < Math.min(candidates.length, MAX_CANDIDATES); i++) {
      if (!candidates[i].startsWith(VERSION)) {
        continue;
      }
      byte[] signature = decode(candidates[i].substring(VERSION.length()));
      if (signature == null || signature.length != DIGEST_BYTES) {
        continue;
      }
      if (expected == null) {
        expected = hmacs.digests(StandardWebhooksSignature.signedContent(id, timestamp.trim(), request.body()));
      }
      if (Hmacs.anyMatches(expected, signature)) {
        return;
      }
    }
    throw new AuthRejectedException("invalid_signature", "No webhook-signature matches the message");
  }

  private static long parseSeconds(String timestamp) {
    if (!timestamp.matches("\\d{1,12}")) {
      // Not the signature's fault: the sender should learn the header itself is malformed.
      throw new AuthRejectedException("invalid_timestamp",
          "webhook-timestamp must be Unix time in whole seconds (1 to 12 digits)");
    }
    return Long.parseLong(timestamp);
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
