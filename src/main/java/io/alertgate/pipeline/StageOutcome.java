package io.alertgate.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a call of a stage did: the ids it produced for the next stage (announced after the commit), the claimed
 * items it left for a later batch because the batch's budget was spent, the items written back to be tried again
 * at a time (a leased stage's retries), and its counts.
 */
public record StageOutcome(List<UUID> produced, List<UUID> deferred, Map<UUID, Instant> later, Tally tally) {

  public static final StageOutcome NONE = new StageOutcome(List.of(), List.of(), Map.of(), Tally.NONE);

  /** What a stage's batch returns: nothing is deferred there. */
  public static StageOutcome of(List<UUID> produced, Tally tally) {
    return new StageOutcome(produced, List.of(), Map.of(), tally);
  }

  /** With items written back to be due again at these times. */
  public StageOutcome retrying(Map<UUID, Instant> retries) {
    return plus(new StageOutcome(List.of(), List.of(), retries, Tally.NONE));
  }

  /** Items this call took and settled: processed, failed, or written back for later. */
  public int claimed() {
    return (int) (tally.processed() + tally.failed()) + later.size();
  }

  public int failed() {
    return (int) tally.failed();
  }

  public StageOutcome plus(StageOutcome other) {
    List<UUID> ids = new ArrayList<>(produced);
    ids.addAll(other.produced);
    List<UUID> deferredIds = new ArrayList<>(deferred);
    deferredIds.addAll(other.deferred);
    Map<UUID, Instant> retries = new HashMap<>(later);
    retries.putAll(other.later);
    return new StageOutcome(ids, deferredIds, Map.copyOf(retries), tally.plus(other.tally));
  }

  StageOutcome deferring(List<UUID> ids) {
    return ids.isEmpty() ? this : plus(new StageOutcome(List.of(), ids, Map.of(), Tally.NONE));
  }
}
