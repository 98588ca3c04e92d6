package io.alertgate.logging;

import org.slf4j.spi.LoggingEventBuilder;

import java.util.UUID;

/**
 * The structured fields a log line carries (SLF4J key-value pairs, fields of their own in JSON lines), named once so
 * that every line about one event, alert or delivery is found by the same field, whichever stage wrote it. A line's
 * message names the same ids, for human lines.
 */
public final class LogFields {

  public static final String INBOUND_ID = "inbound_id";
  public static final String ALERT_ID = "alert_id";
  public static final String DELIVERY_ID = "delivery_id";
  public static final String SOURCE = "source";
  public static final String DESTINATION = "destination";
  public static final String STAGE = "stage";

  private LogFields() {
  }

  /** A line about an inbound event: its id and its source. */
  public static LoggingEventBuilder inbound(LoggingEventBuilder line, UUID id, String source) {
    return line.addKeyValue(INBOUND_ID, id).addKeyValue(SOURCE, source);
  }

  /** A line about a delivery: its id, its destination, and its alert's id when it has one. */
  public static LoggingEventBuilder delivery(LoggingEventBuilder line, UUID id, String destination, UUID alertId) {
    LoggingEventBuilder about = line.addKeyValue(DELIVERY_ID, id).addKeyValue(DESTINATION, destination);
    return alertId == null ? about : about.addKeyValue(ALERT_ID, alertId);
  }
}
