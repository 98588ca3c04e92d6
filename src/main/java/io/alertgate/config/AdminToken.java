package io.alertgate.config;

import io.alertgate.digest.Digests;

import java.util.Locale;

/**
 * One bearer token of the admin API as the gateway knows it: an id that logs and the audit name it by, its role, and
 * the SHA-256 of the token. The token itself is never kept, so neither a configuration file nor a copy of the
 * database opens the API.
 *
 * @param id     names the token; never the token, and no secret
 * @param role   what the token may do
 * @param sha256 the token's SHA-256, 64 hex digits in lower case
 */
public record AdminToken(String id, AdminRole role, String sha256) {

  public AdminToken {
    sha256 = sha256.toLowerCase(Locale.ROOT);
  }

  /** A token given as itself (admin.token), kept as its digest from here on. */
  static AdminToken ofSecret(String id, AdminRole role, SecretValue token) {
    return new AdminToken(id, role, Digests.sha256Hex(token.value()));
  }
}
