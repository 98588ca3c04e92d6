package io.alertgate.normalize.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.alert.AlertStatus;
import io.alertgate.alert.Severity;
import io.alertgate.alert.Timestamps;
import io.alertgate.json.DottedKeys;
import io.alertgate.json.JsonValues;
import io.alertgate.normalize.AlertDraft;
import io.alertgate.normalize.NormalizationException;
import io.alertgate.normalize.Normalizer;
import io.alertgate.vendor.ElasticAlerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Elastic Security detection alerts (Kibana 8 {@code kibana.alert.*}, and the 7.x {@code signal.*} names), whose
 * keys may be flat-dotted, nested, or both in one document.
 */
public final class ElasticNormalizer implements Normalizer {

  static final String SOURCE_TYPE = "detection_alert";

  @Override
  public List<AlertDraft> normalize(JsonNode body) {
    List<JsonNode> documents = ElasticAlerts.of(body);
    if (documents.isEmpty()) {
      throw new NormalizationException(ElasticAlerts.pathOf(body, 0), "holds no alert documents");
    }
    List<AlertDraft> alerts = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      alerts.add(alert(documents.get(i), ElasticAlerts.pathOf(body, i)));
    }
    return alerts;
  }

  private static AlertDraft alert(JsonNode doc, String path) {
    if (!doc.isObject()) {
      throw new NormalizationException(path, "is not an alert document (an object)");
    }
    String uuid = JsonValues.firstText(doc, "kibana.alert.uuid", "signal.id", "_id");
    String ruleId = JsonValues.firstText(doc, "kibana.alert.rule.uuid", "kibana.alert.rule.rule_id", "signal.rule.id",
        "rule.uuid", "rule.id");
    String ruleName = JsonValues.firstText(doc, "kibana.alert.rule.name", "signal.rule.name", "rule.name");
    String reason = JsonValues.firstText(doc, "kibana.alert.reason", "signal.reason");
    if (uuid == null && ruleName == null && reason == null) {
      throw new NormalizationException(path, "has none of kibana.alert.uuid, kibana.alert.rule.name or "
          + "kibana.alert.reason: not an Elastic detection alert");
    }
    AlertDraft draft = new AlertDraft(SOURCE_TYPE, doc)
        .eventId(uuid)
        .correlationKey(correlationKey(ruleId, uuid))
        .timestamp(Timestamps.parse(firstNode(doc, "@timestamp", "kibana.alert.original_time", "kibana.alert.start"))
            .orElse(null))
        .status(AlertStatus.fromWord(JsonValues.firstText(doc, "kibana.alert.workflow_status", "signal.status")))
        .title(ruleName != null ? ruleName : reason)
        .description(reason != null ? reason
            : JsonValues.firstText(doc, "kibana.alert.rule.description", "signal.rule.description"))
        .rule(ruleId, ruleName);
    severity(doc, draft);
    JsonValues.texts(firstNode(doc, "kibana.alert.rule.tags", "signal.rule.tags")).forEach(draft::tag);
    MitreThreats.read(firstNode(doc, "kibana.alert.rule.threat", "kibana.alert.rule.parameters.threat",
        "signal.rule.threat"), draft);
    EcsIndicators.read(doc, draft.indicators());
    String url = JsonValues.firstText(doc, "kibana.alert.url");
    if (url != null) {
      draft.link(url, "Kibana alert");
    }
    return draft;
  }

  /** The alert's own severity word, else the rule's, else the risk score in Elastic's bands. */
  private static void severity(JsonNode doc, AlertDraft draft) {
    JsonNode word = firstNode(doc, "kibana.alert.severity", "kibana.alert.rule.severity", "signal.rule.severity");
    if (word != null && Severity.fromWord(JsonValues.text(word)).isPresent()) {
      draft.severity(Severity.fromWord(JsonValues.text(word)).orElseThrow(), word);
      return;
    }
    JsonNode score = firstNode(doc, "kibana.alert.risk_score", "kibana.alert.rule.risk_score", "signal.rule.risk_score");
    Optional<Severity> fromScore = Severity.fromScoreText(JsonValues.text(score));
    if (fromScore.isPresent()) {
      draft.severity(fromScore.get(), score);
    } else {
      draft.severity(Severity.MEDIUM, word);
    }
  }

  /** The same rule firing on the same alert (a re-send, or an update of its workflow status) keeps its key. */
  private static String correlationKey(String ruleId, String uuid) {
    if (uuid == null) {
      return null;
    }
    return ruleId == null ? "elastic:alert:" + uuid : "elastic:" + ruleId + ":" + uuid;
  }

  static JsonNode firstNode(JsonNode doc, String... paths) {
    for (String path : paths) {
      JsonNode node = DottedKeys.find(doc, path);
      if (node != null && !node.isNull()) {
        return node;
      }
    }
    return null;
  }
}
