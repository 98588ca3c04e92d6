package io.alertgate.pipeline;

import java.util.HashMap;
import java.util.Map;

/**
 * What one committed call did, per group (the stage's own label: a source, a destination, a provider): items
 * processed or failed, and what they produced for the next stage.
 */
public record Tally(Map<String, Counts> byGroup) {

  public static final Tally NONE = new Tally(Map.of());

  public record Counts(long processed, long failed, long produced) {

    public static final Counts ONE_FAILED = new Counts(0, 1, 0);

    /** One item processed, which produced this many for the next stage. */
    public static Counts oneProcessed(long produced) {
      return new Counts(1, 0, produced);
    }

    Counts plus(Counts other) {
      return new Counts(processed + other.processed, failed + other.failed, produced + other.produced);
    }
  }

  public static Tally of(String group, Counts counts) {
    return new Tally(Map.of(group, counts));
  }

  /** Builds a tally item by item. */
  public static final class Builder {
    private final Map<String, Counts> counts = new HashMap<>();

    public Builder add(String group, Counts item) {
      counts.merge(group, item, Counts::plus);
      return this;
    }

    public Tally build() {
      return new Tally(Map.copyOf(counts));
    }
  }

  public Tally plus(Tally other) {
    if (other.byGroup.isEmpty()) {
      return this;
    }
    Map<String, Counts> sum = new HashMap<>(byGroup);
    other.byGroup.forEach((group, counts) -> sum.merge(group, counts, Counts::plus));
    return new Tally(Map.copyOf(sum));
  }

  public long processed() {
    return byGroup.values().stream().mapToLong(Counts::processed).sum();
  }

  public long failed() {
    return byGroup.values().stream().mapToLong(Counts::failed).sum();
  }
}
