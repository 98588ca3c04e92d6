package io.alertgate.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;

import java.util.List;
import java.util.UUID;

/**
 * Where a stage's output goes: the next stage's {@link Intake}, written in the producing transaction, and the bus
 * address its ids are announced on after the commit. The bus never carries what the database lacks; a lost
 * message costs only time, as the next stage's sweeper finds the rows.
 */
public record Handoff(String address, Intake intake) {

  /** The last stage: nothing to write, the ids announced for whoever listens. */
  public static Handoff announce(String address) {
    return new Handoff(address, Intake.NONE);
  }

  /** Writes the outcome's produced ids into the next stage's work, in the transaction that wrote the outcome. */
  Future<StageOutcome> handOver(SqlConnection sql, StageOutcome outcome) {
    if (outcome.produced().isEmpty()) {
      return Future.succeededFuture(outcome);
    }
    return intake.enqueue(sql, outcome.produced())
        .transform(done -> done.succeeded() ? Future.succeededFuture(outcome)
            : Future.failedFuture(new HandoffRefused(done.cause())));
  }

  void publish(Vertx vertx, List<UUID> ids) {
    for (UUID id : ids) {
      vertx.eventBus().send(address, id.toString());
    }
  }
}
