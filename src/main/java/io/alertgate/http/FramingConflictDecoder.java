package io.alertgate.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Vert.x's request decoder, except that a request with both Content-Length and Transfer-Encoding: chunked fails to
 * decode. Netty reads such a request as chunked and drops the Content-Length before any handler could see both,
 * so a proxy in front that trusted the Content-Length would pass a second, smuggled request in its body (RFC 9112
 * section 6.3). Failed, the request goes to the server's invalid request handler and its connection is closed.
 * Vert.x offers no option for this, hence its internal decoder class, swapped in as each connection opens.
 */
final class FramingConflictDecoder extends VertxHttpRequestDecoder {

  private static final String DECODER_NAME = "httpDecoder";

  /** Thrown by no one: the decoder result that says what was wrong. */
  static final class FramingConflict extends RuntimeException {
    FramingConflict() {
      super("Content-Length and Transfer-Encoding together", null, false, false);
    }
  }

  private FramingConflictDecoder(HttpServerOptions options) {
    super(options);
  }

  /**
   * Puts this decoder in place of Vert.x's on a newly opened HTTP/1.x connection, before it has read a byte. That
   * holds only with clear-text HTTP/2 off: to tell h2c from HTTP/1.x Vert.x reads the first bytes before the
   * connection exists, and the old decoder would hand them on undecided.
   */
  static void install(HttpConnection connection, HttpServerOptions options) {
    if (connection instanceof ConnectionBase base && base.channel().pipeline().get(DECODER_NAME) != null) {
      base.channel().pipeline().replace(DECODER_NAME, DECODER_NAME, new FramingConflictDecoder(options));
    }
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    super.handleTransferEncodingChunkedWithContentLength(message);
    message.setDecoderResult(DecoderResult.failure(new FramingConflict()));
  }
}
