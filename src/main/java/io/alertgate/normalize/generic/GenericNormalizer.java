package io.alertgate.normalize.generic;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.alert.AlertStatus;
import io.alertgate.alert.Severity;
import io.alertgate.alert.Timestamps;
import io.alertgate.config.FieldMapping;
import io.alertgate.json.JsonValues;
import io.alertgate.normalize.AlertDraft;
import io.alertgate.normalize.Indicators.IpRole;
import io.alertgate.normalize.Indicators;
import io.alertgate.normalize.NormalizationException;
import io.alertgate.normalize.Normalizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Any JSON sender, read through the source's configured mapping of alert fields to JSON pointers. A body may be
 * one alert, an array of them, or an object whose {@code alerts} pointer names the array.
 */
public final class GenericNormalizer implements Normalizer {

  static final String SOURCE_TYPE = "generic";

  private final FieldMapping mapping;
  // Compiled once: JsonNode.at(String) parses its pointer on every call, a dozen times per alert.
  private final Map<String, JsonPointer> pointers = new HashMap<>();
  private final Severity fallbackSeverity;

  public GenericNormalizer(FieldMapping mapping) {
    this.mapping = mapping;
    mapping.pointers().forEach((field, pointer) -> pointers.put(field, JsonPointer.compile(pointer)));
    this.fallbackSeverity = Severity.fromWord(mapping.defaultSeverity()).orElse(Severity.MEDIUM);
  }

  @Override
  public List<AlertDraft> normalize(JsonNode body) {
    JsonNode items = body;
    String path = "$";
    String alertsPointer = mapping.pointers().get("alerts");
    if (alertsPointer != null) {
      items = body.at(pointers.get("alerts"));
      path = alertsPointer;
      if (!items.isArray()) {
        throw new NormalizationException(alertsPointer, "the alerts pointer does not name an array");
      }
    }
    List<JsonNode> objects = new ArrayList<>();
    if (items.isArray()) {
      items.forEach(objects::add);
    } else {
      objects.add(items);
    }
    if (objects.isEmpty()) {
      throw new NormalizationException(path, "holds no alerts");
    }
    List<AlertDraft> alerts = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      if (!objects.get(i).isObject()) {
        throw new NormalizationException(items.isArray() ? path + "[" + i + "]" : path, "is not an object");
      }
      alerts.add(alert(objects.get(i)));
    }
    return alerts;
  }

  private AlertDraft alert(JsonNode item) {
    String title = text(item, "title");
    AlertDraft draft = new AlertDraft(SOURCE_TYPE, item)
        .eventId(text(item, "event_id"))
        .correlationKey(text(item, "correlation_key"))
        .title(title != null ? title : mapping.defaultTitle())
        .description(text(item, "description"))
        .status(AlertStatus.fromWord(text(item, "status")))
        .timestamp(Timestamps.parse(at(item, "timestamp")).orElse(null));
    String ruleId = text(item, "rule_id");
    String ruleName = text(item, "rule_name");
    if (ruleId != null || ruleName != null) {
      draft.rule(ruleId, ruleName);
    }
    JsonNode severity = at(item, "severity");
    draft.severity(Severity.fromWord(JsonValues.text(severity)).orElse(fallbackSeverity), severity);
    each(item, "tags", draft::tag);
    each(item, "tactics", draft::tactic);
    each(item, "techniques", draft::technique);
    String link = text(item, "link");
    if (link != null) {
      draft.link(link, null);
    }
    Indicators indicators = draft.indicators();
    each(item, "source_ips", ip -> indicators.ip(ip, IpRole.SOURCE));
    each(item, "destination_ips", ip -> indicators.ip(ip, IpRole.DESTINATION));
    each(item, "ips", ip -> indicators.ip(ip, IpRole.OTHER));
    each(item, "domains", indicators::domain);
    each(item, "urls", indicators::url);
    each(item, "hashes", indicators::hash);
    each(item, "hosts", indicators::host);
    each(item, "users", indicators::user);
    return draft;
  }

  private JsonNode at(JsonNode item, String field) {
    JsonPointer pointer = pointers.get(field);
    return pointer == null ? null : item.at(pointer);
  }

  private String text(JsonNode item, String field) {
    return JsonValues.text(at(item, field));
  }

  private void each(JsonNode item, String field, Consumer<String> add) {
    JsonValues.texts(at(item, field)).forEach(add);
  }
}
