package io.alertgate.ingest;

import io.vertx.core.buffer.Buffer;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A webhook as received, before it is committed.
 *
 * @param id          gateway id, returned to the sender
 * @param source      source name
 * @param dedupKey    what makes a re-send of the same event recognisable
 * @param body        the raw body, stored byte for byte
 * @param bodySha256  digest of the body, to tell a retry from a reused id
 * @param headersJson selected request headers as a JSON object (never credentials)
 * @param remoteAddr  the peer address
 * @param receivedAt  arrival time
 */
public record InboundEvent(UUID id, String source, String dedupKey, Buffer body, byte[] bodySha256,
                           String headersJson, String remoteAddr, OffsetDateTime receivedAt) {
}
