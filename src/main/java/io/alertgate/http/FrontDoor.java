package io.alertgate.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What every request passes before a router sees it, on both ports: a request whose method HTTP does not define,
 * whose framing two parsers could read differently, or whose target does not decode, is refused here with a JSON
 * error.
 */
public final class FrontDoor {

  private FrontDoor() {
  }

  /**
   * Serves the router behind the checks.
   *
   * @param stopping true once the gateway is stopping: from then on each connection is closed after its answer
   * @param onRefused told of each request refused here, after its answer was sent (the ingest port counts them)
   */
  public static void serve(HttpServer server, HttpServerOptions options, Router router, BooleanSupplier stopping,
                           Consumer<HttpServerRequest> onRefused) {
    server.connectionHandler(connection -> {
      FramingConflictDecoder.install(connection, options);
      ClosingWhenStopping.install(connection, stopping);
    });
    server.invalidRequestHandler(FrontDoor::refuseUnreadable);
    server.requestHandler(request -> {
      ApiError refusal = refusal(request);
      if (refusal == null) {
        router.handle(request);
        return;
      }
      ErrorResponses.sendAndClose(request, refusal);
      onRefused.accept(request);
    });
  }

  public static void serve(HttpServer server, HttpServerOptions options, Router router, BooleanSupplier stopping) {
    serve(server, options, router, stopping, request -> { });
  }

  /** The parser's own refusals, which Vert.x would answer with an empty body, said in JSON in plain words. */
  private static void refuseUnreadable(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiError error;
    if (cause instanceof FramingConflictDecoder.FramingConflict) {
      error = new ApiError(400, "invalid_framing", "A request must not have both Content-Length and Transfer-Encoding");
    } else if (cause instanceof TooLongHttpLineException) {
      error = new ApiError(414, "uri_too_long", "The request line is longer than this gateway accepts");
    } else if (cause instanceof TooLongHttpHeaderException) {
      error = new ApiError(431, "headers_too_large", "The request headers are larger than this gateway accepts");
    } else {
      error = new ApiError(400, "bad_request", "The request is not valid HTTP");
    }
    ErrorResponses.sendAndClose(request, error);
  }

  private static ApiError refusal(HttpServerRequest request) {
    if (!AllowedMethods.DEFINED.contains(request.method().name())) {
      // RFC 9110 section 15.6.2: a method the server does not recognise at all is 501, on every path.
      return new ApiError(501, "not_implemented", "The method " + request.method().name() + " is not one this"
          + " gateway implements");
    }
    ApiError framing = framing(request);
    return framing != null ? framing : target(request);
  }

  /**
   * RFC 9112 section 6.1 and 6.3: a body framed by both Content-Length and Transfer-Encoding, or by a coding other
   * than chunked alone, is how requests are smuggled past a proxy that reads the framing the other way. Such a
   * request is refused and its connection closed, since where its body ends cannot be known.
   */
  private static ApiError framing(HttpServerRequest request) {
    List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
    if (codings.isEmpty()) {
      return null;
    }
    if (request.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
      return new ApiError(400, "invalid_framing", "A request must not have both Content-Length and Transfer-Encoding");
    }
    if (codings.size() > 1 || !codings.get(0).trim().equalsIgnoreCase("chunked")) {
      return new ApiError(400, "invalid_framing", "The only Transfer-Encoding accepted is chunked");
    }
    return null;
  }

  /** A malformed %-escape would otherwise throw wherever the path or a parameter is first read: a 500. */
  private static ApiError target(HttpServerRequest request) {
    try {
      QueryStringDecoder.decodeComponent(request.path(), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      return new ApiError(400, "invalid_path", "The path is not properly %-encoded");
    }
    String query = request.query();
    if (query == null) {
      return null;
    }
    try {
      new QueryStringDecoder(query, StandardCharsets.UTF_8, false).parameters();
      return null;
    } catch (IllegalArgumentException badEscape) {
      return new ApiError(400, "invalid_parameter", "The query string is not properly %-encoded");
    }
  }
}
