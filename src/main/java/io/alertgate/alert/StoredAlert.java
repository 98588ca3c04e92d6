package io.alertgate.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert as normalization stored it: the columns later stages select and route on, and the document of
 * {@code alert.schema.json} as JSON text, to be sent on as it is or parsed where a field beyond these is needed.
 *
 * @param id             the alert's id; it never changes, also when its event is reprocessed
 * @param inboundId      the inbound event it came from
 * @param source         the source that sent it
 * @param severity       on the gateway's one scale
 * @param status         whether the SIEM still considers it open
 * @param correlationKey stable across re-fires and updates of the same vendor alert
 * @param occurredAt     the vendor's time, else the arrival time, to the millisecond
 * @param document       the whole alert document (null where it was not loaded: {@link StoredAlerts#loadHeads})
 */
public record StoredAlert(UUID id, UUID inboundId, String source, Severity severity, AlertStatus status,
                          String correlationKey, Instant occurredAt, String document) {
}
