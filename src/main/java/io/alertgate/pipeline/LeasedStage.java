package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stage whose work is I/O that must not hold a transaction open (a call to another system can take seconds): its
 * claim leases the items in a short transaction of their own, setting a lease expiry and a token, for
 * {@link StagePlan#lease()}. The work then runs outside any transaction, without blocking, item by item; each
 * item's outcome is written as soon as the batch's work is over, in a transaction that must check the item's
 * token, so that work whose lease ran out and was taken by another instance is not written twice.
 *
 * <p>An item whose lease expires (the process died, its work overran the deadline, its write failed) is due again
 * and a sweeper takes it: the stage's claims must count an item as due once its lease has expired, and must bound
 * the attempts an item gets (an attempt count its claim raises), since an item whose write always fails would
 * otherwise come back for ever. An item to try again later is written back with the time it is due
 * ({@link StageOutcome#later()}); the fast path that ran it sets a timer for it.
 */
public non-sealed interface LeasedStage extends Stage {

  /** A leased item: its id and the token its claim set, which the outcome's write must match. */
  record Lease(UUID id, UUID token) {}

  /** One item's work, over: how to write its outcome, in the transaction the kit opens for it. */
  @FunctionalInterface
  interface Settlement {
    Future<StageOutcome> write(SqlConnection sql);
  }

  /**
   * Starts the work for every leased item, without blocking and outside any transaction, and answers one future per
   * lease, in their order. Each completes when its item's work is over, whatever it came to (done, failed for good,
   * due again later: all are written by its settlement), and must complete by the deadline, which is well inside
   * the lease: the kit then writes what is settled. A failed future, or one still running at the deadline, leaves
   * its item to its lease's expiry, so work must be cut off at the deadline (a request's own timeout, a reset).
   */
  List<Future<Settlement>> perform(List<Lease> leases, Instant deadline);

  /**
   * Writes a batch's settlements in the transaction given: by default one after the other. A stage whose items'
   * outcomes can be written by one statement for all does so here (one statement a batch rather than one an item);
   * if the transaction fails, the kit calls this again with each settlement alone.
   */
  default Future<StageOutcome> writeAll(SqlConnection sql, List<Settlement> settlements) {
    Future<StageOutcome> outcome = Future.succeededFuture(StageOutcome.NONE);
    for (Settlement settlement : settlements) {
      outcome = outcome.compose(total -> settlement.write(sql).map(total::plus));
    }
    return outcome;
  }
}
