package io.alertgate.deliver;

import io.alertgate.alert.EventType;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One attempt to hand one incident to one destination.
 *
 * @param deliveryId     the delivery's id: the same on every attempt, so destinations can recognise a retry
 * @param destination    the destination's configured name
 * @param idempotencyKey the key the destination de-duplicates on, fixed when the delivery was written: the alert's
 *                       correlation key, or the incident id an operator gave
 * @param attempt        1 for the first attempt
 * @param eventType      what this tells the destination
 * @param incident       what it is about
 * @param incidentRef    what the destination called this incident when an earlier delivery reached it (a Jira
 *                       issue key): where an update goes
 * @param action         an integration endpoint's own parameters (a StackStorm action, a PagerDuty summary); empty
 *                       for a routed alert
 * @param deadline       when the attempt must be over, answered or not: past it, its lease may be another's
 */
public record DeliveryRequest(UUID deliveryId, String destination, String idempotencyKey, int attempt,
                              EventType eventType, Incident incident, Optional<String> incidentRef, JsonObject action,
                              Instant deadline) {
}
