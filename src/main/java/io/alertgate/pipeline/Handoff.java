package io.alertgate.pipeline;

import io.vertx.core.Vertx;

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

  void publish(Vertx vertx, List<UUID> ids) {
    for (UUID id : ids) {
      vertx.eventBus().send(address, id.toString());
    }
  }
}
