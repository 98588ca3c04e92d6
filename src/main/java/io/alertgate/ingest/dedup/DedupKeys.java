package io.alertgate.ingest.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.config.SourceConfig;

import java.util.HexFormat;
import java.util.Optional;

/**
 * What makes a re-sent event recognisable, first present wins: the sender's {@code webhook-id}, the vendor's own
 * alert id, the digest of the body.
 *
 * <p>Keys are kept short and printable: ids come from senders, and an unbounded or control-character id must
 * neither bloat the unique index nor make PostgreSQL reject a batch it shares with other requests.
 */
public final class DedupKeys {

  public static final String WEBHOOK_ID_PREFIX = "webhook-id:";
  private static final int MAX_KEY_CHARS = 200;

  private DedupKeys() {
  }

  public static String of(SourceConfig source, String webhookId, JsonNode body, byte[] bodySha256) {
    if (webhookId != null && !webhookId.isBlank()) {
      return Digests.boundedKey(WEBHOOK_ID_PREFIX + webhookId.trim(), MAX_KEY_CHARS);
    }
    Optional<String> vendorId = switch (source.vendor()) {
      case ELASTIC -> VendorEventIds.elastic(body);
      case SENTINEL -> VendorEventIds.sentinel(body);
      case SPLUNK -> VendorEventIds.splunk(body);
      case GENERIC -> source.dedupPointer().flatMap(pointer -> VendorEventIds.pointer(body, pointer));
    };
    return vendorId.map(key -> Digests.boundedKey(key, MAX_KEY_CHARS))
        .orElseGet(() -> "body:" + HexFormat.of().formatHex(bodySha256));
  }

  public static boolean fromWebhookId(String key) {
    return key.startsWith(WEBHOOK_ID_PREFIX);
  }
}
