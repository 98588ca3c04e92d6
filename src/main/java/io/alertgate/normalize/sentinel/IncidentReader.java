package io.alertgate.normalize.sentinel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.alertgate.alert.AlertStatus;
import io.alertgate.json.JsonValues;
import io.alertgate.normalize.AlertDraft;
import io.alertgate.normalize.NormalizationException;

import java.util.Locale;

import static io.alertgate.normalize.sentinel.SentinelFields.field;
import static io.alertgate.normalize.sentinel.SentinelFields.text;
import static io.alertgate.normalize.sentinel.SentinelFields.words;

/**
 * Reads a Sentinel incident resource, bare or as the {@code object} of the Logic App incident trigger, as one
 * alert. The incident's {@code name} is its id for life, so every update of it shares one correlation key.
 */
final class IncidentReader {

  static final String SOURCE_TYPE = "incident";

  private static final String[] TIME = {"createdTimeUtc", "firstActivityTimeUtc", "lastModifiedTimeUtc"};

  private IncidentReader() {
  }

  /**
   * @param raw      the vendor object the alert document keeps: the trigger envelope or the bare incident
   * @param incident the incident resource
   * @param path     where the incident sits in the body ({@code ""}, {@code "object."}, {@code "[2].object."})
   */
  static AlertDraft read(JsonNode raw, JsonNode incident, String path) {
    JsonNode properties = propertiesOf(incident, path);
    String name = nameOf(incident);
    String title = text(properties, "title");
    if (name == null && title == null) {
      throw new NormalizationException(path + "properties.title",
          "missing, and the incident has no name either: nothing identifies or describes it");
    }
    AlertDraft draft = new AlertDraft(SOURCE_TYPE, raw)
        .eventId(name)
        .correlationKey(name == null ? null : "sentinel:incident:" + name)
        .title(title != null ? title : untitled(properties, name))
        .description(text(properties, "description"))
        .status(AlertStatus.fromWord(text(properties, "status")))
        .timestamp(SentinelFields.time(properties, TIME));
    SentinelFields.severity(draft, SentinelFields.textNode(properties, "severity"));
    String ruleId = firstRuleId(field(properties, "relatedAnalyticRuleIds"));
    if (ruleId != null) {
      draft.rule(ruleId, null);
    }
    addLabels(draft, field(properties, "labels"));
    addAdditionalData(draft, field(properties, "additionalData"));
    // The Logic App trigger, unlike the REST resource, carries the entities and alerts behind the incident.
    EntityIndicators.collect(field(properties, "relatedEntities"), draft.indicators());
    JsonNode alerts = field(properties, "alerts");
    if (alerts != null && alerts.isArray()) {
      alerts.forEach(alert -> SecurityAlertReader.addEvidence(draft, SecurityAlertReader.fieldsOf(alert)));
    }
    draft.link(text(properties, "incidentUrl"), "Sentinel incident");
    return draft;
  }

  private static JsonNode propertiesOf(JsonNode incident, String path) {
    JsonNode properties = field(incident, "properties");
    if (properties == null || properties.isNull()) {
      return MissingNode.getInstance();
    }
    if (!properties.isObject()) {
      throw new NormalizationException(path + "properties",
          "expected the incident's fields in an object, got " + SentinelFields.describe(properties));
    }
    return properties;
  }

  /** The incident GUID: {@code name}, else the last segment of its resource {@code id}. */
  private static String nameOf(JsonNode incident) {
    String name = text(incident, "name");
    if (name != null) {
      return name;
    }
    String id = text(incident, "id");
    return id != null && id.toLowerCase(Locale.ROOT).contains("/incidents/") ? SentinelFields.lastSegment(id) : null;
  }

  /** A title that still tells the analyst which incident it is, as the portal would show it. */
  private static String untitled(JsonNode properties, String name) {
    String number = text(properties, "incidentNumber");
    return "Sentinel incident " + (number != null ? "#" + number : name);
  }

  /** The rule id is the last segment of the first analytic rule's resource id; Sentinel sends no rule name here. */
  private static String firstRuleId(JsonNode ruleIds) {
    for (String resourceId : JsonValues.texts(ruleIds)) {
      String id = SentinelFields.lastSegment(resourceId);
      if (id != null) {
        return id;
      }
    }
    return null;
  }

  private static void addLabels(AlertDraft draft, JsonNode labels) {
    if (labels == null || !labels.isArray()) {
      return;
    }
    for (JsonNode label : labels) {
      draft.tag(label.isObject() ? text(label, "labelName") : JsonValues.text(label));
    }
  }

  /** Tactics, techniques and the products whose alerts make up the incident (tagged as an alert's product is). */
  private static void addAdditionalData(AlertDraft draft, JsonNode additionalData) {
    JsonValues.texts(field(additionalData, "alertProductNames")).forEach(draft::tag);
    words(field(additionalData, "tactics")).forEach(draft::tactic);
    words(field(additionalData, "techniques")).forEach(draft::technique);
  }
}
