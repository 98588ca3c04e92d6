package io.alertgate.deliver;

import io.vertx.core.Future;

/**
 * A destination type's one job: make one attempt at a delivery and say what it came to. Retries, backoff, circuit
 * breakers and dead letters are the delivery stage's, the same for every type; a connector only knows its wire
 * format. Adding a destination type is a package with its configuration and its connector, and a registry line.
 */
public interface Connector {

  /** One attempt. The future never fails: a refused target, a timeout or a broken answer is an outcome too. */
  Future<AttemptOutcome> send(DeliveryRequest request);
}
