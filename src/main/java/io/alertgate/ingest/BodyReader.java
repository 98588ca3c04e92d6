package io.alertgate.ingest;

import io.alertgate.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body up to a limit, failing with 413 the moment it is passed: nothing beyond the limit is kept.
 * Lighter than vertx-web's BodyHandler, which also handles forms and uploads that a webhook never sends.
 */
final class BodyReader {

  private static final int DEFAULT_CAPACITY = 4096;

  private BodyReader() {
  }

  static ApiError tooLarge(long limit) {
    return new ApiError(413, "payload_too_large", "The body is larger than " + limit + " bytes");
  }

  /** @param declaredLength the Content-Length, already checked against the limit, or -1 */
  static Future<Buffer> read(HttpServerRequest request, long limit, long declaredLength) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer(declaredLength >= 0 ? (int) declaredLength : DEFAULT_CAPACITY);
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
