package io.alertgate.admin;

import io.alertgate.config.AdminToken;
import io.alertgate.digest.Digests;
import io.alertgate.http.ApiError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The admin API's bearer tokens: which one a request presents, found by comparing its digest with every token's,
 * each comparison in constant time and none cut short, so that the time taken says nothing about any token.
 */
final class BearerAuth implements Handler<RoutingContext> {

  private static final String PREFIX = "bearer ";

  private final List<Caller> callers;
  private final List<byte[]> digests;

  /** @param tokens every token the API accepts; with none, every request is refused */
  BearerAuth(List<AdminToken> tokens) {
    this.callers = tokens.stream().map(token -> new Caller(token.id(), token.role())).toList();
    this.digests = tokens.stream().map(token -> HexFormat.of().parseHex(token.sha256())).toList();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    boolean bearer = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    String presented = bearer ? header.substring(PREFIX.length()).trim() : "";
    if (callers.isEmpty()) {
      refuse(ctx, "No admin token is configured: set ALERTGATE_ADMIN_TOKEN");
      return;
    }
    Caller caller = match(Digests.sha256(presented.getBytes(StandardCharsets.UTF_8)));
    if (caller == null) {
      refuse(ctx, bearer ? "The admin token is not valid"
          : "The admin API needs Authorization: Bearer <ALERTGATE_ADMIN_TOKEN>");
      return;
    }
    caller.attachTo(ctx);
    ctx.next();
  }

  private static void refuse(RoutingContext ctx, String message) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    ctx.fail(new ApiError(401, "unauthorized", message));
  }

  /** The caller whose token has this digest, or null; every token is compared whichever matches. */
  private Caller match(byte[] digest) {
    Caller found = null;
    for (int i = 0; i < digests.size(); i++) {
      boolean equal = MessageDigest.isEqual(digests.get(i), digest);
      found = equal ? callers.get(i) : found;
    }
    return found;
  }
}
