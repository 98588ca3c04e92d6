package io.alertgate.pipeline;

/**
 * The next stage's intake failed. Not the item's fault, so never a reason to record it as failed: the transaction
 * rolls back, the item stays due here, and the sweeper tries again until the next stage takes its work.
 */
final class HandoffRefused extends RuntimeException {

  HandoffRefused(Throwable cause) {
    super("the next stage did not take its work: " + cause.getMessage(), cause);
  }
}
