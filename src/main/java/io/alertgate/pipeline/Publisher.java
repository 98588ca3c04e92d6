package io.alertgate.pipeline;

import io.alertgate.bus.Addresses;
import io.vertx.core.Vertx;

import java.util.UUID;

/** Hands committed alerts to the next stage. Only after the commit: the bus never carries what the database lacks. */
final class Publisher {

  private Publisher() {
  }

  static void publish(Vertx vertx, InboxProcessor.Outcome outcome) {
    for (UUID id : outcome.alertIds()) {
      vertx.eventBus().send(Addresses.NORMALIZED, id.toString());
    }
  }
}
