package io.alertgate.ingest.auth;

import io.vertx.core.MultiMap;

/**
 * What an authenticator may look at.
 *
 * @param headers     request headers
 * @param queryToken  the {@code token} query parameter, or null
 * @param body        the raw body, exactly as received
 * @param nowSeconds  the current Unix time, for timestamp windows
 */
public record AuthRequest(MultiMap headers, String queryToken, byte[] body, long nowSeconds) {

  /** The headers and the token are credentials: never printed. */
  @Override
  public String toString() {
    return "AuthRequest[" + body.length + " body bytes, at " + nowSeconds + "]";
  }
}
