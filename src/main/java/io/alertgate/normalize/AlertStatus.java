package io.alertgate.normalize;

import java.util.Locale;

/** Whether the SIEM still considers the alert open. */
public enum AlertStatus {
  OPEN, CLOSED, UNKNOWN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Elastic workflow_status, Sentinel New/Active/Closed, Splunk ES status labels. */
  public static AlertStatus fromWord(String word) {
    if (word == null) {
      return UNKNOWN;
    }
    return switch (word.trim().toLowerCase(Locale.ROOT)) {
      case "open", "new", "active", "acknowledged", "in progress", "in-progress", "inprogress", "pending",
           "unassigned", "triggered", "firing" -> OPEN;
      case "closed", "resolved", "dismissed", "done", "false positive", "suppressed" -> CLOSED;
      default -> UNKNOWN;
    };
  }
}
