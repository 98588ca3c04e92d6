package io.alertgate.admin;

import io.alertgate.config.AdminRole;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is making an admin API request, as {@link BearerAuth} found it: the id of the token presented (never the token)
 * and its role. Every handler after the bearer check can ask for it.
 */
record Caller(String tokenId, AdminRole role) {

  private static final String KEY = Caller.class.getName();

  void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  /** The caller of a request that passed the bearer check. */
  static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(KEY);
    if (caller == null) {
      throw new IllegalStateException("no bearer check ran before " + ctx.request().path());
    }
    return caller;
  }
}
