package io.alertgate.normalize.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.json.JsonValues;
import io.alertgate.normalize.AlertDraft;
import io.alertgate.normalize.NormalizationException;
import io.alertgate.normalize.Normalizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splunk: the body of the built-in webhook alert action (a search result, or a notable event when the search
 * forwards notables) and Enterprise Security notable events posted as they are. A JSON array of either is read
 * element by element.
 */
public final class SplunkNormalizer implements Normalizer {

  // A top-level object with one of these is a notable event; each is written by ES on every notable.
  private static final List<String> NOTABLE_FIELDS =
      List.of("event_id", "rule_name", "rule_title", "urgency", "security_domain", "orig_sid", "status_label");
  // A webhook envelope without its result row: named so the error points at what is missing.
  private static final List<String> WEBHOOK_FIELDS = List.of("sid", "search_name", "results_link");
  private static final String NOTABLE_MARK = "@@notable@@";

  public SplunkNormalizer() {
  }

  @Override
  public List<AlertDraft> normalize(JsonNode body) {
    if (body == null || body.isMissingNode()) {
      throw new NormalizationException("$", "no body: expected a Splunk webhook body or an ES notable event");
    }
    if (!body.isArray()) {
      return List.of(one(body, "$"));
    }
    if (body.isEmpty()) {
      throw new NormalizationException("$", "empty array: no Splunk alert in it");
    }
    List<AlertDraft> drafts = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      drafts.add(one(body.get(i), "[" + i + "]"));
    }
    return drafts;
  }

  private static AlertDraft one(JsonNode item, String path) {
    if (!item.isObject()) {
      throw new NormalizationException(path,
          "expected a Splunk webhook body or an ES notable event (an object), got " + kind(item));
    }
    if (item.has("result")) {
      JsonNode row = item.get("result");
      if (!row.isObject()) {
        throw new NormalizationException(child(path, "result"),
            "expected the webhook's first result row as an object, got " + kind(row));
      }
      return isNotable(row) ? NotableAlerts.fromWebhook(item, row) : SearchResultAlerts.fromWebhook(item, row);
    }
    if (NOTABLE_FIELDS.stream().anyMatch(item::hasNonNull)) {
      return NotableAlerts.fromNotable(item);
    }
    if (WEBHOOK_FIELDS.stream().anyMatch(item::hasNonNull)) {
      throw new NormalizationException(child(path, "result"),
          "missing: a Splunk webhook body carries its first result row in \"result\"");
    }
    throw new NormalizationException(path,
        "neither a Splunk webhook body (no \"result\" row) nor an ES notable event (no \"event_id\" or rule fields)");
  }

  /** ES notable ids are {@code <correlation search GUID>@@notable@@<event hash>}; a plain result row has none. */
  private static boolean isNotable(JsonNode row) {
    String eventId = JsonValues.text(row.get("event_id"));
    return eventId != null && eventId.contains(NOTABLE_MARK);
  }

  private static String child(String path, String field) {
    return path.equals("$") ? field : path + "." + field;
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
