package io.alertgate.pipeline;

import io.vertx.core.VertxException;
import io.vertx.core.json.DecodeException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whose fault a failure is decides whether an item is recorded as failed for good. */
class FaultsTest {

  @Test
  @DisplayName("A connection lost under a query is the database's fault: the items stay due and are not split")
  void lostConnections() {
    for (Throwable lost : new Throwable[] {
        VertxException.noStackTrace("Connection is not active now, current status: CLOSED"),
        VertxException.noStackTrace("Pending requests failed to be sent due to connection has been closed."),
        ClosedConnectionException.INSTANCE,
        new TimeoutException("no connection within 10 s"),
        new PgException("terminating connection due to administrator command", "FATAL", "57P01", null),
        new PgException("connection failure", "FATAL", "08006", null),
        new HandoffRefused(VertxException.noStackTrace("Connection is not active now, current status: CLOSED"))}) {
      assertTrue(Faults.passing(lost), lost.toString());
      assertTrue(Faults.unreachable(lost), lost.toString());
    }
  }

  @Test
  @DisplayName("A passing fault that a query met on a live connection is not the database being away")
  void passingButReachable() {
    for (Throwable passing : new Throwable[] {
        new PgException("deadlock detected", "ERROR", "40P01", null),
        new HandoffRefused(new PgException("deadlock detected", "ERROR", "40P01", null))}) {
      assertTrue(Faults.passing(passing), passing.toString());
      assertFalse(Faults.unreachable(passing), passing.toString());
    }
  }

  @Test
  @DisplayName("What an item itself causes is its own fault, even when the exception is the toolkit's")
  void itemFaults() {
    for (Throwable own : new Throwable[] {
        new DecodeException("Failed to decode: unexpected end of input"),
        VertxException.noStackTrace("something else went wrong"),
        new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null),
        new NumberFormatException("1e999")}) {
      assertFalse(Faults.passing(own), own.toString());
      assertFalse(Faults.unreachable(own), own.toString());
    }
  }
}
