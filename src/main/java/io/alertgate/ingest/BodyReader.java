package io.alertgate.ingest;

import io.alertgate.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body up to a limit, failing with 413 the moment it is passed: nothing beyond the limit is kept.
 * Lighter than vertx-web's BodyHandler, which also handles forms and uploads that a webhook never sends.
 */
final class BodyReader {

  private static final int DEFAULT_CAPACITY = 4096;
  /** Memory is committed as bytes arrive, not on a client's say-so in Content-Length. */
  private static final int MAX_INITIAL_CAPACITY = 64 * 1024;

  private BodyReader() {
  }

  static ApiError tooLarge(long limit) {
    return new ApiError(413, "payload_too_large", "The body is larger than " + limit + " bytes");
  }

  /**
   * @param declaredLength the Content-Length, already checked against the limit, or -1
   * @param deadlineMs the whole body must arrive within this, so a sender trickling bytes cannot hold a connection
   */
  static Future<Buffer> read(Vertx vertx, HttpServerRequest request, long limit, long declaredLength, long deadlineMs) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer(declaredLength >= 0 ? (int) Math.min(declaredLength, MAX_INITIAL_CAPACITY)
        : DEFAULT_CAPACITY);
    long deadline = vertx.setTimer(deadlineMs, id -> promise.tryFail(
        new ApiError(408, "request_timeout", "The body did not arrive within " + deadlineMs / 1000 + " s")));
    promise.future().onComplete(done -> vertx.cancelTimer(deadline));
    request.handler(chunk -> {
      if (promise.future().isComplete()) {
        return;
      }
      if (body.length() + chunk.length() > limit) {
        promise.tryFail(tooLarge(limit));
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(end -> promise.tryComplete(body));
    request.resume();
    return promise.future();
  }
}
