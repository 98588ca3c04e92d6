package io.alertgate.pipeline;

import io.vertx.core.ThreadingModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a stage runs; made with {@link #named}, whose builder checks it.
 *
 * @param name              the stage's name in metrics and logs ({@code stage="normalize"})
 * @param threading         {@link ThreadingModel#WORKER} for CPU work that would hold an event loop;
 *                          {@link ThreadingModel#EVENT_LOOP} for I/O on non-blocking clients
 * @param lanes             the fast path's inputs: each lane is a verticle with its own batches, on these addresses
 * @param fastPathInstances instances of each lane
 * @param sweepers          sweeper instances wanted; their claims skip each other's rows, so each takes a different
 *                          batch ({@link Pipeline} may grant fewer, to leave connections for the fast paths)
 * @param maxBatch          items in one batch at most, on either path
 * @param maxBatchWeight    the weight (as the claim reports it) of one batch at most; one item alone may exceed it
 * @param sweepIntervalMs   how often an idle sweeper looks for work the fast path missed
 * @param graceSeconds      how long an item waits for the fast path before a sweeper takes it
 * @param lease             null for a stage whose work is done inside the claiming transaction; else how long a
 *                          {@link LeasedStage}'s claim holds its items while their I/O runs outside any transaction
 * @param output            the bus address the ids a batch produced are announced on, after its commit
 * @param backlogAlias      a second name for the stage's backlog gauge, documented before the stage model, or null
 * @param itemField         the log field that names an item in the kit's lines about it, as the stage's own lines
 *                          name it ({@code inbound_id}, {@code alert_id}, {@code delivery_id})
 */
public record StagePlan(String name, ThreadingModel threading, List<Lane> lanes, int fastPathInstances, int sweepers,
                        int maxBatch, long maxBatchWeight, long sweepIntervalMs, double graceSeconds, Duration lease,
                        String output, Gauge backlogAlias, String itemField) {

  /** A fast-path input: the bus addresses one verticle takes ids from. */
  public record Lane(String name, List<String> addresses) {

    public Lane {
      addresses = List.copyOf(addresses);
    }
  }

  /** A gauge's name and the help text scrapers show for it. */
  public record Gauge(String name, String description) {}

  private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);

  public StagePlan {
    lanes = List.copyOf(lanes);
  }

  /**
   * How long the fast path or a sweeper waits for one batch before it goes on: a database that stops answering must
   * not stall them for ever. A leased batch's work is bounded by its lease, so it gets at least twice that.
   */
  public Duration batchTimeout() {
    return lease == null || lease.multipliedBy(2).compareTo(BATCH_TIMEOUT) < 0 ? BATCH_TIMEOUT : lease.multipliedBy(2);
  }

  public static Builder named(String name, ThreadingModel threading) {
    return new Builder(name, threading);
  }

  /**
   * With defaults for what a stage does not say: one instance and one sweeper, batches of 100, no weight limit, items
   * logged as {@code item_id}.
   */
  public static final class Builder {
    private final String name;
    private final ThreadingModel threading;
    private final List<Lane> lanes = new ArrayList<>();
    private int fastPathInstances = 1;
    private int sweepers = 1;
    private int maxBatch = 100;
    private long maxBatchWeight = Long.MAX_VALUE;
    private long sweepIntervalMs = 2_000;
    private double graceSeconds = 5;
    private Duration lease;
    private String output;
    private Gauge backlogAlias;
    private String itemField = "item_id";

    private Builder(String name, ThreadingModel threading) {
      this.name = name;
      this.threading = threading;
    }

    public Builder lane(String laneName, List<String> addresses) {
      lanes.add(new Lane(laneName, addresses));
      return this;
    }

    public Builder instances(int fastPath, int sweeperCount) {
      this.fastPathInstances = fastPath;
      this.sweepers = sweeperCount;
      return this;
    }

    public Builder batches(int items, long weight) {
      this.maxBatch = items;
      this.maxBatchWeight = weight;
      return this;
    }

    public Builder sweeping(long intervalMs, double grace) {
      this.sweepIntervalMs = intervalMs;
      this.graceSeconds = grace;
      return this;
    }

    public Builder leased(Duration duration) {
      this.lease = duration;
      return this;
    }

    public Builder output(String address) {
      this.output = address;
      return this;
    }

    public Builder backlogAlias(String gaugeName, String description) {
      this.backlogAlias = new Gauge(gaugeName, description);
      return this;
    }

    public Builder itemsLoggedAs(String field) {
      this.itemField = field;
      return this;
    }

    public StagePlan build() {
      require(name != null && name.matches("[a-z][a-z0-9_]*"), "a name of lower-case letters, digits and _");
      Objects.requireNonNull(threading, "threading");
      require(output != null && !output.isBlank(), "an output address");
      require(fastPathInstances >= 1 && sweepers >= 1, "at least one fast-path instance and one sweeper");
      require(maxBatch >= 1 && maxBatchWeight >= 1, "batches of at least one item");
      require(sweepIntervalMs >= 1 && graceSeconds >= 0, "a positive sweep interval and a grace of 0 or more");
      require(lease == null || lease.toMillis() >= 1_000, "a lease of a second or more");
      return new StagePlan(name, threading, lanes, fastPathInstances, sweepers, maxBatch, maxBatchWeight,
          sweepIntervalMs, graceSeconds, lease, output, backlogAlias, itemField);
    }

    private void require(boolean holds, String what) {
      if (!holds) {
        throw new IllegalArgumentException("Stage " + name + " needs " + what);
      }
    }
  }
}
