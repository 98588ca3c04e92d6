package io.alertgate.enrich.cache;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A provider's answer as kept: its outcome word ("ok", "not_found", "error", ...), the provider's figures, when it was
 * looked up and until when it may be used. The figures are shared with every reader: copy them before changing them.
 */
public record CachedResult(String outcome, JsonObject result, Instant lookedUpAt, Instant expiresAt) {

  public boolean liveAt(Instant now) {
    return expiresAt.isAfter(now);
  }
}
