package io.alertgate.pipeline;

import io.vertx.core.ThreadingModel;

import java.util.List;

/**
 * How a stage runs.
 *
 * @param name              the stage's name in metrics and logs ({@code stage="normalize"})
 * @param threading         {@link ThreadingModel#WORKER} for CPU work that would hold an event loop;
 *                          {@link ThreadingModel#EVENT_LOOP} for I/O on non-blocking clients
 * @param lanes             the fast path's inputs: each lane is a verticle with its own batches, on these addresses
 * @param fastPathInstances instances of each lane
 * @param sweepers          sweeper instances; their claims skip each other's rows, so each takes a different batch
 * @param maxBatch          items in one batch at most, on either path
 * @param maxBatchWeight    the weight (as the claim reports it) of one batch at most; one item alone may exceed it
 * @param sweepIntervalMs   how often an idle sweeper looks for work the fast path missed
 * @param graceSeconds      how long an item waits for the fast path before a sweeper takes it
 * @param output            the bus address the ids a batch produced are announced on, after its commit
 * @param backlogMetric     the name of the stage's backlog gauge besides {@code alertgate.stage.backlog{stage}}, or
 *                          null for none (a name documented before the stage model)
 */
public record StagePlan(String name, ThreadingModel threading, List<Lane> lanes, int fastPathInstances, int sweepers,
                        int maxBatch, long maxBatchWeight, long sweepIntervalMs, double graceSeconds,
                        String output, String backlogMetric) {

  /** A fast-path input: the bus addresses one verticle takes ids from. */
  public record Lane(String name, List<String> addresses) {

    public Lane {
      addresses = List.copyOf(addresses);
    }
  }

  public StagePlan {
    lanes = List.copyOf(lanes);
  }
}
