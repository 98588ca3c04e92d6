package io.alertgate.deliver;

import io.alertgate.alert.EventType;
import io.alertgate.alert.StoredAlert;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to hand one alert to one destination.
 *
 * @param deliveryId     the delivery's id: the same on every attempt, so destinations can recognise a retry
 * @param destination    the destination's configured name
 * @param idempotencyKey the key the destination de-duplicates on, fixed when the delivery was routed
 * @param attempt        1 for the first attempt
 * @param eventType      what this tells the destination
 * @param alert          the alert, as stored
 * @param deadline       when the attempt must be over, answered or not: past it, its lease may be another's
 */
public record DeliveryRequest(UUID deliveryId, String destination, String idempotencyKey, int attempt,
                              EventType eventType, StoredAlert alert, Instant deadline) {
}
