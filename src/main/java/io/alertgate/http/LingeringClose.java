package io.alertgate.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * After refusing a body without reading it (413), the connection cannot be reused, but closing it at once makes a
 * sender still writing its body see a reset instead of the answer. So the rest is read and thrown away until the
 * sender stops, up to a bound in bytes and in time, and then the connection is closed.
 */
final class LingeringClose {

  private static final long MAX_DISCARDED_BYTES = 16L * 1024 * 1024;
  private static final long MAX_LINGER_MS = 2_000;

  private LingeringClose() {
  }

  static void start(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HttpConnection connection = request.connection();
    if (connection == null) {
      return;
    }
    if (request.isEnded()) {
      connection.close();
      return;
    }
    long[] discarded = {0};
    long timer = ctx.vertx().setTimer(MAX_LINGER_MS, id -> connection.close());
    request.handler(chunk -> {
      discarded[0] += chunk.length();
      if (discarded[0] > MAX_DISCARDED_BYTES) {
        ctx.vertx().cancelTimer(timer);
        connection.close();
      }
    });
    request.endHandler(end -> {
      ctx.vertx().cancelTimer(timer);
      connection.close();
    });
    request.resume();
  }
}
