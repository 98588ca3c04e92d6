package io.alertgate.enrich.provider;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * An answer's body, read up to a limit, for one request. Past the limit it stops reading: it says it is full and
 * never drains, so the connection is left paused until the request's idle timeout closes it, and what the provider
 * sends beyond the limit is never read, let alone kept. {@link #overflowed()} says so at once.
 */
final class CappedBody implements BodyCodec<Buffer>, BodyStream<Buffer> {

  private final int limit;
  private final Buffer kept = Buffer.buffer();
  private final Promise<Buffer> whole = Promise.promise();
  private final Promise<Void> overflowed = Promise.promise();

  CappedBody(int limit) {
    this.limit = limit;
  }

  /** Completes when the answer turned out longer than the limit. */
  Future<Void> overflowed() {
    return overflowed.future();
  }

  @Override
  public BodyStream<Buffer> stream() {
    return this;
  }

  @Override
  public Future<Buffer> result() {
    return whole.future();
  }

  @Override
  public Future<Void> write(Buffer chunk) {
    if (overflowed.future().isComplete()) {
      return Future.succeededFuture();
    }
    if (kept.length() + chunk.length() > limit) {
      overflowed.complete();
    } else {
      kept.appendBuffer(chunk);
    }
    return Future.succeededFuture();
  }

  @Override
  public boolean writeQueueFull() {
    return overflowed.future().isComplete();
  }

  @Override
  public Future<Void> end() {
    if (!overflowed.future().isComplete()) {
      whole.tryComplete(kept);
    }
    return Future.succeededFuture();
  }

  @Override
  public void handle(Throwable broken) {
    whole.tryFail(broken);
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    // Never called: once full, the body stays full.
    return this;
  }
}
