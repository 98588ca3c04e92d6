package io.alertgate.logging;

import io.vertx.core.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Vert.x does with an exception no handler took: logs it as an error with its stack, as Vert.x would, except
 * for one known race in the SQL client's pool. When a request's wait for a connection times out just as a connection
 * is handed to it, the pool's timer fails a promise the hand-over already completed, and the exception surfaces
 * here. The request has its connection and nothing is lost, but the error line appeared at every dropped-connection
 * storm; it is kept at DEBUG so that a real unhandled failure still stands out.
 */
public final class UnhandledFailures implements Handler<Throwable> {

  private static final Logger LOG = LoggerFactory.getLogger(UnhandledFailures.class);
  private static final String POOL_REQUEST = "io.vertx.sqlclient.impl.pool.SqlConnectionPool";

  @Override
  public void handle(Throwable failure) {
    if (knownPoolRace(failure)) {
      LOG.debug("The SQL client's pool timed out a connection request it had just served", failure);
    } else {
      LOG.error("Unhandled failure: {}", failure.toString(), failure);
    }
  }

  static boolean knownPoolRace(Throwable failure) {
    if (!(failure instanceof IllegalStateException) || !"Promise already completed".equals(failure.getMessage())) {
      return false;
    }
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (frame.getClassName().startsWith(POOL_REQUEST)) {
        return true;
      }
    }
    return false;
  }
}
