package io.alertgate.pipeline;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Whose fault a failed transaction was. Only an item's own fault (the database refused its data, the stage's code
 * failed on it) may record it as failed for good; a passing fault of the database or the connection, or a next stage
 * that refused its work, leaves it due, so the sweeper tries again once the fault has passed.
 */
final class Faults {

  // SQLSTATE classes of faults that pass: connection exceptions, transaction rollbacks (serialization failures,
  // deadlocks), insufficient resources, operator intervention (shutdown, a cancelled or timed-out statement), and
  // system errors.
  private static final Set<String> PASSING = Set.of("08", "40", "53", "57", "58");
  private static final List<String> LOST_CONNECTION = List.of("Connection is not active now",
      "Pending requests failed to be sent", "Failed to read any response from the server");

  private Faults() {
  }

  /**
   * True when the database could not be reached or dropped the connection: every item would fail alike, so a batch
   * is not worth retrying item by item.
   */
  static boolean unreachable(Throwable failure) {
    if (failure instanceof HandoffRefused refused) {
      // The next stage's intake runs on the same connection: it may have met the same outage.
      return unreachable(refused.getCause());
    }
    if (failure instanceof PgException pg) {
      // Connection exceptions, and the server shutting down or not yet taking connections (57P01 to 57P03).
      String state = pg.getSqlState();
      return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
    return failure instanceof ClosedConnectionException
        || failure instanceof IOException
        || failure instanceof TimeoutException
        || failure instanceof ConnectTimeoutException
        || lostConnection(failure);
  }

  /**
   * The SQL client's plain exceptions for a connection that closed under a query: no class of their own, only their
   * words. Taken for the item's fault, they once recorded alerts as failed while the database was restarting.
   */
  private static boolean lostConnection(Throwable failure) {
    String message = failure.getMessage();
    return failure instanceof VertxException && message != null
        && LOST_CONNECTION.stream().anyMatch(message::startsWith);
  }

  /** True when the failure says nothing about the item: trying it again later may well succeed. */
  static boolean passing(Throwable failure) {
    if (failure instanceof HandoffRefused) {
      return true;
    }
    if (failure instanceof PgException pg) {
      String state = pg.getSqlState();
      return state != null && state.length() >= 2 && PASSING.contains(state.substring(0, 2));
    }
    // Not an answer from PostgreSQL at all: a closed connection, a pool that timed out, a network error.
    return unreachable(failure);
  }
}
