package io.alertgate.deliver;

import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;

/**
 * A destination type's one job: make one attempt at a delivery and say what it came to. Retries, backoff, circuit
 * breakers and dead letters are the delivery stage's, the same for every type; a connector only knows its wire
 * format. Adding a destination type is a package with its settings and its connector, and a line in
 * {@link DestinationTypes}.
 */
public interface Connector {

  /** One attempt. The future never fails: a refused target, a timeout or a broken answer is an outcome too. */
  Future<AttemptOutcome> send(DeliveryRequest request);

  /**
   * A real connection check with the configured address and credentials, harmless to the destination (nothing is
   * opened there that someone would be paged for). Never fails, like {@link #send}.
   */
  Future<ConnectionCheck> check(Instant deadline);

  /** How long one attempt may take. */
  Duration timeout();

  /** Lets the connector's connections go. */
  Future<Void> close();
}
