package io.alertgate.admin;

import io.alertgate.store.TimeOrderedIds;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Puts each write a token makes in the audit once its answer is sent, whether it was refused, failed or done. Only
 * what cannot hold a secret is kept: the path, the id in it, and the names of the query parameters, never their
 * values nor the body.
 */
final class WriteAudit implements Handler<RoutingContext> {

  // The API's own spelling of a parameter: a name that is not could be a token pasted into the query string.
  private static final Pattern PARAM_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final int MAX_PARAMS = 16;
  private static final int MAX_PATH = 2048;
  private static final int MAX_TARGET = 256;

  private final AuditTrail trail;

  WriteAudit(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!Access.isRead(ctx.request().method())) {
      Caller caller = Caller.of(ctx);
      Instant at = Instant.now();
      ctx.addEndHandler(sent -> trail.record(entry(ctx, caller, at, sent.succeeded())));
    }
    ctx.next();
  }

  private static AuditTrail.Entry entry(RoutingContext ctx, Caller caller, Instant at, boolean answered) {
    HttpServerRequest request = ctx.request();
    return new AuditTrail.Entry(TimeOrderedIds.next(), at, caller.tokenId(), caller.role().wireName(),
        request.method().name(), storable(request.path(), MAX_PATH), paramNames(request.query()),
        answered ? ctx.response().getStatusCode() : null, target(ctx.pathParams()));
  }

  /** The names of the parameters given with a value; read from the raw query, which may be badly escaped. */
  private static List<String> paramNames(String query) {
    Set<String> names = new LinkedHashSet<>();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && PARAM_NAME.matcher(pair.substring(0, equals)).matches() && names.size() < MAX_PARAMS) {
        names.add(pair.substring(0, equals));
      }
    }
    return List.copyOf(names);
  }

  /** The route's {@code :id}, else its one path parameter (an integration's {@code :type}), else none. */
  private static String target(Map<String, String> params) {
    String value = params.get("id");
    if (value == null && params.size() == 1 && !params.containsKey("*")) {
      value = params.values().iterator().next();
    }
    return value == null ? null : storable(value, MAX_TARGET);
  }

  /** PostgreSQL text holds no NUL, and a line in the audit should stay one line and bounded. */
  private static String storable(String text, int max) {
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= max ? clean : clean.substring(0, max);
  }
}
