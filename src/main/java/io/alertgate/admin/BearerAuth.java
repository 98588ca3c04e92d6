package io.alertgate.admin;

import io.alertgate.digest.Digests;
import io.alertgate.http.ApiError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The admin API's bearer token, compared by digest so the time taken says nothing about the token. */
final class BearerAuth implements Handler<RoutingContext> {

  private static final String PREFIX = "bearer ";

  private final byte[] expected;

  /** @param expectedDigest SHA-256 of the admin token, or null when there is none: then every request is refused */
  BearerAuth(byte[] expectedDigest) {
    this.expected = expectedDigest == null ? null : expectedDigest.clone();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    boolean bearer = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    String presented = bearer ? header.substring(PREFIX.length()).trim() : "";
    if (expected == null) {
      ctx.fail(new ApiError(401, "unauthorized", "No admin token is configured: set ALERTGATE_ADMIN_TOKEN"));
      return;
    }
    if (!MessageDigest.isEqual(expected, Digests.sha256(presented.getBytes(StandardCharsets.UTF_8)))) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(new ApiError(401, "unauthorized", bearer ? "The admin token is not valid"
          : "The admin API needs Authorization: Bearer <ALERTGATE_ADMIN_TOKEN>"));
      return;
    }
    ctx.next();
  }
}
