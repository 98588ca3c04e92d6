package io.alertgate.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a call of a stage did: the ids it produced for the next stage (announced after the commit), the claimed
 * items it left for a later batch because the batch's budget was spent, and its counts.
 */
public record StageOutcome(List<UUID> produced, List<UUID> deferred, Tally tally) {

  public static final StageOutcome NONE = new StageOutcome(List.of(), List.of(), Tally.NONE);

  /** What a stage's {@link Stage#process} returns: nothing is deferred there. */
  public static StageOutcome of(List<UUID> produced, Tally tally) {
    return new StageOutcome(produced, List.of(), tally);
  }

  /** Items this call took, processed or failed. */
  public int claimed() {
    return (int) (tally.processed() + tally.failed());
  }

  public int failed() {
    return (int) tally.failed();
  }

  StageOutcome plus(StageOutcome other) {
    List<UUID> ids = new ArrayList<>(produced);
    ids.addAll(other.produced);
    List<UUID> later = new ArrayList<>(deferred);
    later.addAll(other.deferred);
    return new StageOutcome(ids, later, tally.plus(other.tally));
  }

  StageOutcome deferring(List<UUID> later) {
    return later.isEmpty() ? this : plus(new StageOutcome(List.of(), later, Tally.NONE));
  }
}
