package io.alertgate.normalize.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.alert.AlertStatus;
import io.alertgate.json.JsonValues;
import io.alertgate.normalize.AlertDraft;

import java.util.List;

/**
 * An alert from a Splunk Enterprise Security notable event, posted as it is or as the result row of a webhook
 * whose search reads the notable index.
 */
final class NotableAlerts {

  static final String SOURCE_TYPE = "notable_event";

  // ES's default review statuses by id, for a notable that carries the id without its label.
  private static final List<String> DEFAULT_STATUSES =
      List.of("unassigned", "new", "in progress", "pending", "resolved", "closed");

  private NotableAlerts() {
  }

  static AlertDraft fromNotable(JsonNode notable) {
    return draft(notable, new ResultRow(notable), notable.get("app"));
  }

  /** The webhook body stays the raw alert; the app tag is the one of the forwarding search. */
  static AlertDraft fromWebhook(JsonNode body, JsonNode result) {
    AlertDraft draft = draft(body, new ResultRow(result), body.get("app"));
    draft.link(JsonValues.text(body.get("results_link")), "Splunk results");
    return draft;
  }

  private static AlertDraft draft(JsonNode raw, ResultRow row, JsonNode app) {
    String eventId = row.text("event_id");
    String title = row.text("rule_title", "rule_name", "search_name");
    AlertDraft draft = new AlertDraft(SOURCE_TYPE, raw)
        .eventId(eventId)
        .title(title != null ? title : "Splunk notable event")
        .description(row.text("description", "rule_description"))
        .status(status(row));
    // The event id stays the same while analysts work the notable; without one the draft's digest is the key.
    if (eventId != null) {
      draft.correlationKey("splunk:notable:" + eventId);
    }
    row.time("_time", "orig_time").ifPresent(draft::timestamp);
    // Urgency is ES's severity weighed by the priority of the asset or identity: the one analysts triage by.
    RowClassification.severity(draft, row, "urgency", "severity");
    // The correlation search's name identifies the rule; rule_id and orig_sid change with every notable or run.
    String ruleId = row.text("savedsearch_name", "search_name");
    String ruleName = row.text("rule_name", "search_name");
    if (ruleId != null || ruleName != null) {
      draft.rule(ruleId, ruleName);
    }
    RowClassification.tags(draft, row, app);
    RowClassification.mitre(draft, row);
    RowIndicators.fromNotable(row, draft.indicators());
    return draft;
  }

  private static AlertStatus status(ResultRow row) {
    AlertStatus byLabel = AlertStatus.fromWord(row.text("status_label"));
    if (byLabel != AlertStatus.UNKNOWN) {
      return byLabel;
    }
    String status = row.text("status");
    if (status != null && status.matches("\\d")) {
      int id = status.charAt(0) - '0';
      return id < DEFAULT_STATUSES.size() ? AlertStatus.fromWord(DEFAULT_STATUSES.get(id)) : AlertStatus.UNKNOWN;
    }
    return AlertStatus.fromWord(status);
  }
}
