package io.alertgate.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns failures into {@code {"error": code, "message": sentence}} bodies. */
public final class ErrorResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {
  }

  /**
   * Installs the JSON failure handler and replaces vertx-web's plain-text 404/405/413 pages; a 405 names the
   * methods the path takes in its {@code Allow} header.
   */
  public static void install(Router router) {
    router.route().failureHandler(ErrorResponses::handleFailure);
    for (int status : new int[] {400, 404, 413, 415, 500}) {
      router.errorHandler(status, ErrorResponses::handleFailure);
    }
    AllowedMethods allowed = new AllowedMethods(router);
    router.errorHandler(405, ctx -> {
      ctx.response().putHeader("Allow", String.join(", ", allowed.on(ctx.request().path())));
      handleFailure(ctx);
    });
  }

  public static void send(RoutingContext ctx, ApiError error) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    if (error.retryAfterSeconds() != null) {
      response.putHeader("Retry-After", String.valueOf(error.retryAfterSeconds()));
    }
    // After 413 or 408, or a 503 refusing a body there was no room for, the rest of the body is never read: the
    // connection cannot be reused.
    boolean oversized = error.status() == 413 || error.status() == 408
        || error.status() == 503 && !ctx.request().isEnded();
    if (oversized) {
      response.putHeader("Connection", "close");
    }
    response.setStatusCode(error.status())
        .putHeader("Content-Type", "application/json")
        .end(body(error))
        .onComplete(written -> {
          if (oversized) {
            LingeringClose.start(ctx);
          }
        });
  }

  /**
   * Answers a request no router has taken and closes its connection: what follows the request on it cannot be read
   * as the next one.
   */
  static void sendAndClose(HttpServerRequest request, ApiError error) {
    HttpServerResponse response = request.response();
    response.setStatusCode(error.status())
        .putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(body(error));
    // At once, not once written: a request pipelined behind this one must not be served meanwhile.
    request.connection().close();
  }

  private static String body(ApiError error) {
    return new JsonObject().put("error", error.code()).put("message", error.getMessage()).encode();
  }

  private static void handleFailure(RoutingContext ctx) {
    send(ctx, toApiError(ctx));
  }

  private static ApiError toApiError(RoutingContext ctx) {
    if (ctx.failure() instanceof ApiError error) {
      return error;
    }
    int status = ctx.statusCode();
    return switch (status) {
      case 400 -> new ApiError(400, "bad_request", "The request could not be read");
      case 404 -> new ApiError(404, "not_found", "No such endpoint: " + ctx.request().method() + " " + ctx.request().path());
      case 405 -> new ApiError(405, "method_not_allowed", ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 413 -> new ApiError(413, "payload_too_large", "The body is larger than this gateway accepts");
      case 415 -> new ApiError(415, "unsupported_media_type", "The body must be JSON");
      default -> {
        if (ctx.failure() instanceof io.vertx.core.VertxException closed && closed.getMessage() != null
            && closed.getMessage().contains("closed")) {
          // The peer went away mid-request: nothing to answer, and not worth an ERROR a client can provoke.
          LOG.debug("Connection closed during {} {}", ctx.request().method(), ctx.request().path());
        } else {
          // The path only: a query string may carry a token.
          LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        yield new ApiError(500, "internal_error", "The gateway failed to handle the request");
      }
    };
  }
}
