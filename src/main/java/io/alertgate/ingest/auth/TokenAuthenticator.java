package io.alertgate.ingest.auth;

import io.alertgate.digest.Digests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * A shared token, as {@code Authorization: Bearer} or {@code ?token=} (Splunk's webhook action can set neither a
 * header nor a signature). Digests are compared, so the time taken says nothing about the token's length.
 */
final class TokenAuthenticator implements SourceAuthenticator {

  private static final String BEARER = "bearer ";

  private final List<byte[]> tokenDigests;

  TokenAuthenticator(List<String> tokens) {
    this.tokenDigests = tokens.stream().map(TokenAuthenticator::sha256).toList();
  }

  @Override
  public void verify(AuthRequest request) {
    String presented = bearer(request.headers().get("Authorization"));
    if (presented == null) {
      presented = request.queryToken();
    }
    if (presented == null || presented.isEmpty()) {
      throw new AuthRejectedException("missing_token",
          "A token is required: send Authorization: Bearer <token> or ?token=<token>");
    }
    byte[] digest = sha256(presented);
    boolean matched = false;
    for (byte[] expected : tokenDigests) {
      matched |= MessageDigest.isEqual(expected, digest);
    }
    if (!matched) {
      throw new AuthRejectedException("invalid_token", "The token is not valid for this source");
    }
  }

  private static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return authorization.substring(BEARER.length()).trim();
  }

  private static byte[] sha256(String value) {
    return Digests.sha256(value.getBytes(StandardCharsets.UTF_8));
  }
}
