package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;
import java.util.UUID;

/**
 * A stage whose work is I/O that must not hold a transaction open (a call to another system can take seconds): its
 * claim leases the items in a short transaction of their own, setting a lease expiry and a token, for
 * {@link StagePlan#lease()}. The work then runs outside any transaction, on the stage's event loop, and its outcome
 * is written in a second transaction that must check each item's token, so that work whose lease ran out and was
 * taken by another instance is not written twice.
 *
 * <p>An item whose lease expires (the process died, the work overran) is due again and a sweeper takes it: the
 * stage's claims must count an item as due once its lease has expired. An item to try again later is written back
 * with the time it is due ({@link StageOutcome#later()}); the fast path that ran it sets a timer for it.
 */
public non-sealed interface LeasedStage extends Stage {

  /** A leased item: its id and the token its claim set, which the outcome's write must match. */
  record Lease(UUID id, UUID token) {}

  /** Writes a performed batch's outcome, in the transaction the kit opens for it. */
  @FunctionalInterface
  interface Completion {
    Future<StageOutcome> write(SqlConnection sql);
  }

  /**
   * Does the work for the leased items, outside any transaction and without blocking. Failures of single items are
   * part of the completion (retry later, or give up); a failed future leaves every item to its lease's expiry.
   */
  Future<Completion> perform(List<Lease> leases);
}
