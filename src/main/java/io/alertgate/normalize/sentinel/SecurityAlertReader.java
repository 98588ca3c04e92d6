package io.alertgate.normalize.sentinel;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.alert.AlertStatus;
import io.alertgate.normalize.AlertDraft;
import io.alertgate.normalize.NormalizationException;

import static io.alertgate.normalize.sentinel.SentinelFields.field;
import static io.alertgate.normalize.sentinel.SentinelFields.text;
import static io.alertgate.normalize.sentinel.SentinelFields.words;

/**
 * Reads a Sentinel SecurityAlert: the REST resource's camelCase {@code properties}, or a row of the Log Analytics
 * SecurityAlert table in PascalCase. Field lookups ignore case, so both are read by the same code; only the names
 * that differ between the two (display name, severity, start time) are listed twice.
 */
final class SecurityAlertReader {

  static final String SOURCE_TYPE = "security_alert";

  private static final String[] TITLE = {"alertDisplayName", "DisplayName", "AlertName", "friendlyName"};
  private static final String[] SEVERITY = {"severity", "AlertSeverity"};
  private static final String[] TIME = {"timeGenerated", "startTimeUtc", "StartTime"};

  private SecurityAlertReader() {
  }

  /**
   * @param raw        the vendor object the alert document keeps
   * @param fields     the alert's fields: a resource's {@code properties} or the table row itself
   * @param resourceId the resource's {@code name}, which is the alert id again, or null for a row
   * @param idPath     where the alert id belongs, for the error when nothing identifies the alert
   */
  static AlertDraft read(JsonNode raw, JsonNode fields, String resourceId, String idPath) {
    String id = text(fields, "systemAlertId");
    if (id == null) {
      id = resourceId;
    }
    String title = text(fields, TITLE);
    if (id == null && title == null) {
      throw new NormalizationException(idPath, "missing, and the alert has no display name either: "
          + "nothing identifies or describes it");
    }
    AlertDraft draft = new AlertDraft(SOURCE_TYPE, raw)
        .eventId(id)
        .correlationKey(id == null ? null : "sentinel:alert:" + id)
        .title(title)
        .description(text(fields, "description"))
        .status(AlertStatus.fromWord(text(fields, "status")))
        .timestamp(SentinelFields.time(fields, TIME));
    SentinelFields.severity(draft, SentinelFields.textNode(fields, SEVERITY));
    String alertType = text(fields, "alertType");
    if (alertType != null) {
      draft.rule(alertType, title);
    }
    addEvidence(draft, fields);
    draft.link(text(fields, "alertLink"), "Sentinel alert");
    return draft;
  }

  /**
   * What an alert contributes to the document built from it, or from the incident that contains it: its product
   * as a tag, its MITRE tactics and techniques, and the indicators of its entities.
   */
  static void addEvidence(AlertDraft draft, JsonNode fields) {
    draft.tag(text(fields, "productName"));
    words(field(fields, "tactics")).forEach(draft::tactic);
    words(field(fields, "techniques")).forEach(draft::technique);
    // Sub-techniques (T1110.003) are techniques too; Sentinel lists them apart from their parents.
    words(field(fields, "subTechniques")).forEach(draft::technique);
    EntityIndicators.collect(field(fields, "entities"), draft.indicators());
  }

  /** The fields of an alert an incident carries: a resource's {@code properties}, or the object itself. */
  static JsonNode fieldsOf(JsonNode alert) {
    JsonNode properties = field(alert, "properties");
    return properties != null && properties.isObject() ? properties : alert;
  }
}
