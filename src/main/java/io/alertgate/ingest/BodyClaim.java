package io.alertgate.ingest;

/**
 * One request's share of {@link InflightBodies}. The request holds it from its first byte to its answer, and the
 * inbox writer from the hand-off to the commit's outcome; the bytes go back once neither does, whichever finishes
 * last (a sender that hangs up leaves its event in a commit still under way).
 *
 * <p>Confined to the request's event loop.
 */
final class BodyClaim {

  private final InflightBodies budget;
  private long bytes;
  private boolean requestHolds = true;
  private boolean writerHolds;

  BodyClaim(InflightBodies budget) {
    this.budget = budget;
  }

  /** Takes {@code more} bytes for this request; false when the budget has no room or the request is over. */
  boolean extend(long more) {
    if (!requestHolds || !budget.tryTake(more)) {
      return false;
    }
    bytes += more;
    return true;
  }

  /** The writer has the body: it keeps it until its commit has an outcome. */
  void handedToWriter() {
    writerHolds = true;
  }

  /** The commit has an outcome (committed, duplicate or failed). */
  void writerDone() {
    writerHolds = false;
    giveBackIfFree();
  }

  /** The request was answered, or its connection is gone. */
  void requestDone() {
    requestHolds = false;
    giveBackIfFree();
  }

  private void giveBackIfFree() {
    if (!requestHolds && !writerHolds && bytes > 0) {
      budget.give(bytes);
      bytes = 0;
    }
  }
}
