package io.alertgate.normalize.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.alert.AlertStatus;
import io.alertgate.json.JsonValues;
import io.alertgate.normalize.AlertDraft;

import java.util.Optional;

/**
 * An alert from the body of Splunk's webhook alert action: {@code sid}, {@code search_name} (null or absent on
 * some versions), {@code app}, {@code results_link} and {@code result}, the first result row.
 */
final class SearchResultAlerts {

  static final String SOURCE_TYPE = "search_result";

  private SearchResultAlerts() {
  }

  static AlertDraft fromWebhook(JsonNode body, JsonNode result) {
    ResultRow row = new ResultRow(result);
    String sid = JsonValues.text(body.get("sid"));
    String searchName = JsonValues.text(body.get("search_name"));
    Optional<String> savedSearch = SearchResultKeys.savedSearch(sid);
    String name = searchName != null ? searchName : SearchResultKeys.readableName(sid).orElse(null);
    String keyName = searchName != null ? searchName : savedSearch.orElse("adhoc");

    AlertDraft draft = new AlertDraft(SOURCE_TYPE, body)
        .eventId(sid)
        .correlationKey("splunk:search:" + keyName + ":" + SearchResultKeys.identity(row))
        .title(name != null ? name : "Splunk alert")
        .description(row.text("_raw"))
        // A webhook is sent when the alert triggers; Splunk has no later state for a search result.
        .status(AlertStatus.OPEN);
    row.time("_time").ifPresent(draft::timestamp);
    RowClassification.severity(draft, row, "severity", "urgency");
    String ruleId = firstPresent(row.text("savedsearch_name"), searchName, savedSearch.orElse(null));
    if (ruleId != null || name != null) {
      draft.rule(ruleId, name);
    }
    RowClassification.tags(draft, row, body.get("app"));
    RowClassification.mitre(draft, row);
    RowIndicators.fromResult(row, draft.indicators());
    draft.link(JsonValues.text(body.get("results_link")), "Splunk results");
    return draft;
  }

  private static String firstPresent(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
