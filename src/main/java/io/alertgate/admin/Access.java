package io.alertgate.admin;

import io.alertgate.config.AdminRole;
import io.alertgate.http.ApiError;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * What each role may do. A viewer reads and an admin does everything; a few reads are for admins alone, such as the
 * audit, which tells who holds which token and what each did with it.
 */
final class Access {

  private Access() {
  }

  /** A read changes nothing; anything else counts as a write, for the roles and for the audit alike. */
  static boolean isRead(HttpMethod method) {
    return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
  }

  /** On every API route, after the bearer check: a viewer may read, and nothing more. */
  static void byRole(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    HttpMethod method = ctx.request().method();
    if (caller.role() == AdminRole.ADMIN || isRead(method)) {
      ctx.next();
      return;
    }
    ctx.fail(forbidden(caller, "may read (GET, HEAD) but not " + method.name()));
  }

  /** Before the handler of a route that only admins may use, reads included. */
  static void adminOnly(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (caller.role() == AdminRole.ADMIN) {
      ctx.next();
      return;
    }
    ctx.fail(forbidden(caller, "may not use this endpoint, which is for admin tokens"));
  }

  private static ApiError forbidden(Caller caller, String what) {
    return new ApiError(403, "forbidden", "Token " + caller.tokenId() + " has the " + caller.role().wireName()
        + " role: it " + what);
  }
}
