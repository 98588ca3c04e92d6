package io.alertgate.ingest;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * A read body as the Buffer the database client stores. {@code Buffer.buffer(byte[])} copies the array; wrapping it
 * keeps the one copy {@link InflightBodies} counts, for a body that waits for its commit as long as the commit takes.
 */
final class StoredBody {

  private StoredBody() {
  }

  /** The array itself, not a copy: the caller must not change it afterwards. */
  static Buffer of(byte[] body) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(body));
  }
}
