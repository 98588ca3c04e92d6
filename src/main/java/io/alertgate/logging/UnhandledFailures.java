package io.alertgate.logging;

import io.vertx.core.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What Vert.x does with an exception no handler took: logs it as an error with its stack, as Vert.x would, except
 * for one known race in the connection pools of Vert.x 5.0.8, the SQL client's and the HTTP client's alike. When a
 * request's wait for a connection times out just as a connection is handed to it, the pool's timer fails a promise
 * the hand-over already completed, and the exception surfaces here. The request goes on with its connection, bound
 * by its caller's own deadline, and in every run where the line appeared (dropped-connection storms, a backlog
 * drain's first seconds) each alert arrived once; it is kept at DEBUG so that a real unhandled failure stands out.
 */
public final class UnhandledFailures implements Handler<Throwable> {

  private static final Logger LOG = LoggerFactory.getLogger(UnhandledFailures.class);
  private static final List<String> POOL_REQUESTS = List.of(
      "io.vertx.sqlclient.impl.pool.SqlConnectionPool",
      "io.vertx.core.http.impl.SharedHttpClientConnectionGroup");

  @Override
  public void handle(Throwable failure) {
    if (knownPoolRace(failure)) {
      LOG.debug("A connection pool timed out a request for a connection it had just served", failure);
    } else {
      LOG.error("Unhandled failure: {}", failure.toString(), failure);
    }
  }

  static boolean knownPoolRace(Throwable failure) {
    if (!(failure instanceof IllegalStateException) || !"Promise already completed".equals(failure.getMessage())) {
      return false;
    }
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (POOL_REQUESTS.stream().anyMatch(frame.getClassName()::startsWith)) {
        return true;
      }
    }
    return false;
  }
}
