package io.alertgate.alert;

import java.util.Locale;

/** Whether the SIEM still considers the alert open. */
public enum AlertStatus {
  OPEN, CLOSED, UNKNOWN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every value as the API and the configuration write it. */
  public static java.util.List<String> wireNames() {
    return java.util.Arrays.stream(values()).map(AlertStatus::wireName).toList();
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
