package io.alertgate.ingest;

import io.alertgate.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request body up to a limit, failing with 413 the moment it is passed: nothing beyond the limit is kept.
 * Lighter than vertx-web's BodyHandler, which also handles forms and uploads that a webhook never sends.
 *
 * <p>Each byte is taken from the request's {@link BodyClaim} before it is kept: a declared length all at once,
 * before anything is read, and a chunked body chunk by chunk. When the budget has no room the request gets 503
 * {@code overloaded} and its body is never read. The body ends up in one array, the only copy kept until the
 * commit: with a Content-Length it is read straight into it; a chunked body's chunks are joined into it at the end.
 */
final class BodyReader {

  /** Long enough for a commit or two to free room, short enough that a sender does not stall its queue. */
  private static final int OVERLOADED_RETRY_AFTER_SECONDS = 1;
  static final String OVERLOADED = "overloaded";

  private BodyReader() {
  }

  static ApiError tooLarge(long limit) {
    return new ApiError(413, "payload_too_large", "The body is larger than " + limit + " bytes");
  }

  static ApiError overloaded() {
    return new ApiError(503, OVERLOADED, "The gateway is holding as many request bodies as it may; retry",
        OVERLOADED_RETRY_AFTER_SECONDS);
  }

  /**
   * @param declaredLength the Content-Length, already checked against the limit, or -1
   * @param deadlineMs the whole body must arrive within this, so a sender trickling bytes cannot hold a connection
   */
  static Future<byte[]> read(Vertx vertx, HttpServerRequest request, long limit, long declaredLength,
                             long deadlineMs, BodyClaim claim) {
    if (declaredLength >= 0 && !claim.extend(declaredLength)) {
      return Future.failedFuture(overloaded());
    }
    Sink sink = declaredLength >= 0 ? new Declared((int) declaredLength) : new Chunked(limit, claim);
    Promise<byte[]> promise = Promise.promise();
    long deadline = vertx.setTimer(deadlineMs, id -> promise.tryFail(
        new ApiError(408, "request_timeout", "The body did not arrive within " + deadlineMs / 1000 + " s")));
    promise.future().onComplete(done -> vertx.cancelTimer(deadline));
    request.handler(chunk -> {
      if (promise.future().isComplete()) {
        return;
      }
      ApiError refusal = sink.add(chunk);
      if (refusal != null) {
        promise.tryFail(refusal);
      }
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(end -> promise.tryComplete(sink.bytes()));
    request.resume();
    return promise.future();
  }

  /** Where the chunks go. */
  private interface Sink {
    /** Keeps the chunk, or says why not. */
    ApiError add(Buffer chunk);

    byte[] bytes();
  }

  /** A body framed by Content-Length, whose bytes the claim already holds: one array of that size. */
  private static final class Declared implements Sink {
    private final byte[] body;
    private int filled;

    Declared(int length) {
      body = new byte[length];
    }

    @Override
    public ApiError add(Buffer chunk) {
      if (filled + chunk.length() > body.length) {
        // HTTP/1.1 framing never delivers more than Content-Length; refuse rather than overrun if it ever did.
        return tooLarge(body.length);
      }
      chunk.getBytes(0, chunk.length(), body, filled);
      filled += chunk.length();
      return null;
    }

    @Override
    public byte[] bytes() {
      return body;
    }
  }

  /** A chunked body: its length is known only at its end, so its chunks are kept as they come and joined then. */
  private static final class Chunked implements Sink {
    private final long limit;
    private final BodyClaim claim;
    private final List<Buffer> chunks = new ArrayList<>();
    private int length;

    Chunked(long limit, BodyClaim claim) {
      this.limit = limit;
      this.claim = claim;
    }

    @Override
    public ApiError add(Buffer chunk) {
      if (length + chunk.length() > limit) {
        return tooLarge(limit);
      }
      if (!claim.extend(chunk.length())) {
        return overloaded();
      }
      chunks.add(chunk);
      length += chunk.length();
      return null;
    }

    @Override
    public byte[] bytes() {
      byte[] body = new byte[length];
      int at = 0;
      for (Buffer chunk : chunks) {
        chunk.getBytes(0, chunk.length(), body, at);
        at += chunk.length();
      }
      chunks.clear();
      return body;
    }
  }
}
