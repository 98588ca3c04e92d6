package io.alertgate.alert;

import io.alertgate.json.WireName;

import java.util.List;
import java.util.Locale;

/** Whether the SIEM still considers the alert open. */
public enum AlertStatus implements WireName {
  OPEN, CLOSED, UNKNOWN;

  /** The value a stored alert or a request names, as {@link #wireName()} writes it. */
  public static AlertStatus ofWireName(String wireName) {
    return WireName.parse(AlertStatus.class, wireName);
  }

  /** Every value as the API and the configuration write it. */
  public static List<String> wireNames() {
    return WireName.all(AlertStatus.class);
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
