package io.alertgate.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.ShutdownEvent;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Ends kept-alive HTTP/1.1 connections cleanly once the gateway is stopping. From then on, the answer to the last
 * request a connection has received says {@code Connection: close}, and the connection is closed once it is
 * written: a sender learns not to reuse it, rather than finding it reset. A request pipelined behind one still in
 * flight is answered too, before the close.
 *
 * <p>When the listener closes, Vert.x would close idle connections (which this does too) but also drop any request
 * that arrives on a busy one while its answer is pending, then close it after that answer, which said nothing of
 * closing. So the server's shutdown signal stops here, and connections end by the rule above; those still busy when
 * the server's grace period ends are closed by Vert.x.
 *
 * <p>One per connection, on its event loop: no locks.
 */
final class ClosingWhenStopping extends ChannelDuplexHandler {

  private static final String NAME = "alertgateClosingWhenStopping";
  private static final String AFTER = "httpEncoder";
  // How long a closed connection still reads (and drops) what the sender had already sent, so that its answer is
  // not lost to a reset: the same bound as after a 413.
  private static final long LINGER_MS = 2_000;

  private final BooleanSupplier stopping;
  private int received;
  private int answered;
  private boolean listenerClosed;
  private boolean closeAfterAnswer;
  private boolean closing;

  private ClosingWhenStopping(BooleanSupplier stopping) {
    this.stopping = stopping;
  }

  /** Puts the handler on a newly opened HTTP/1.x connection, between the codec and Vert.x's own handler. */
  static void install(HttpConnection connection, BooleanSupplier stopping) {
    if (connection instanceof ConnectionBase base && base.channel().pipeline().get(AFTER) != null) {
      base.channel().pipeline().addAfter(AFTER, NAME, new ClosingWhenStopping(stopping));
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing) {
      // Sent after an answer that said Connection: close: the sender knows it was not processed.
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest) {
      received++;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (!(event instanceof ShutdownEvent)) {
      ctx.fireUserEventTriggered(event);
      return;
    }
    listenerClosed = true;
    if (received == answered) {
      close(ctx);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse interim && interim.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
      // A 100 Continue answers nothing yet: the final answer follows.
      ctx.write(msg, promise);
      return;
    }
    if (msg instanceof HttpResponse response && received == answered + 1
        && (listenerClosed || stopping.getAsBoolean())) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      closeAfterAnswer = true;
    }
    if (!(msg instanceof LastHttpContent)) {
      ctx.write(msg, promise);
      return;
    }
    answered++;
    if (!closeAfterAnswer) {
      ctx.write(msg, promise);
      return;
    }
    closing = true;
    ChannelPromise written = promise.unvoid();
    ctx.write(msg, written);
    written.addListener(done -> close(ctx));
  }

  /** Half-closes, then reads and drops whatever the sender still sends until it closes too, or for a while. */
  private void close(ChannelHandlerContext ctx) {
    closing = true;
    if (ctx.channel() instanceof DuplexChannel duplex && duplex.isActive()) {
      ctx.flush();
      duplex.shutdownOutput();
      ctx.executor().schedule(() -> {
        ctx.close();
      }, LINGER_MS, TimeUnit.MILLISECONDS);
    } else {
      ctx.close();
    }
  }
}
