package io.alertgate.deliver;

import io.alertgate.logging.LogFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.UUID;

/**
 * What the relay logs of each attempt once its outcome is written: a line at debug (set {@code io.alertgate.deliver}
 * to debug to follow every delivery), and a warning when a delivery goes dead, since an operator must replay it. The
 * reason given is the outcome's error, a sentence that names no secret; the destination's answer, which may echo the
 * alert, stays in the attempt log.
 */
final class DeliveryLog {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);

  private DeliveryLog() {
  }

  /**
   * @param alertId null for a delivery an integration endpoint recorded, or one whose row was gone
   */
  static void written(UUID id, UUID alertId, String destination, DeliveryStatus status, AttemptOutcome outcome,
                      Duration took) {
    if (status == DeliveryStatus.DEAD) {
      LogFields.delivery(LOG.atWarn(), id, destination, alertId)
          .log("Delivery {} to {} is dead: {}", id, destination, outcome.error());
    } else {
      LogFields.delivery(LOG.atDebug(), id, destination, alertId)
          .log("Delivery {} to {}: {} in {} ms (status {}), now {}", id, destination, outcome.result().wireName(),
              took.toMillis(), outcome.status() == 0 ? "none" : outcome.status(), status.wireName());
    }
  }
}
