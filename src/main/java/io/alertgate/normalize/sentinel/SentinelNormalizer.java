package io.alertgate.normalize.sentinel;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.normalize.AlertDraft;
import io.alertgate.normalize.NormalizationException;
import io.alertgate.normalize.Normalizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.alertgate.normalize.sentinel.SentinelFields.field;
import static io.alertgate.normalize.sentinel.SentinelFields.text;

/**
 * Microsoft Sentinel, as a Logic App playbook posts it: the incident trigger envelope, a bare incident resource, a
 * SecurityAlert resource, or a row of the Log Analytics SecurityAlert table; or a JSON array of these, one alert per
 * element. An array is read whole or not at all, so that one unreadable element is reported with its index rather
 * than silently dropped.
 */
public final class SentinelNormalizer implements Normalizer {

  private static final String EXPECTED = "expected a Logic App incident trigger (objectSchemaType Incident with the "
      + "incident in object), an incident resource (type .../incidents), a SecurityAlert resource "
      + "(kind SecurityAlert) or a SecurityAlert table row (SystemAlertId), or an array of these";
  private static final String[] ROW_FIELDS = {"SystemAlertId", "AlertName", "DisplayName", "AlertDisplayName"};

  public SentinelNormalizer() {
  }

  @Override
  public List<AlertDraft> normalize(JsonNode body) {
    if (body == null || !body.isArray()) {
      return List.of(readElement(body, "$", ""));
    }
    if (body.isEmpty()) {
      throw new NormalizationException("$", "an empty array: no incident or alert to read");
    }
    List<AlertDraft> drafts = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      drafts.add(readElement(body.get(i), "[" + i + "]", "[" + i + "]."));
    }
    return drafts;
  }

  /**
   * @param where the element itself in error messages ({@code $} or {@code [i]})
   * @param path  the prefix of its fields in error messages ({@code ""} or {@code [i].})
   */
  private static AlertDraft readElement(JsonNode element, String where, String path) {
    if (element == null || !element.isObject()) {
      throw new NormalizationException(where, "got " + SentinelFields.describe(element) + " where " + EXPECTED);
    }
    if (field(element, "object") != null || field(element, "objectSchemaType") != null) {
      return readTrigger(element, path);
    }
    JsonNode properties = field(element, "properties");
    if (isSecurityAlert(element, properties)) {
      if (properties == null || !properties.isObject()) {
        throw new NormalizationException(path + "properties", "expected the SecurityAlert's fields in an object, got "
            + SentinelFields.describe(properties));
      }
      return SecurityAlertReader.read(element, properties, text(element, "name"), path + "properties.systemAlertId");
    }
    if (isIncident(element, properties)) {
      return IncidentReader.read(element, element, path);
    }
    if (isAlertRow(element)) {
      return SecurityAlertReader.read(element, element, null, path + "SystemAlertId");
    }
    throw new NormalizationException(where, "not a Sentinel incident, alert or alert row: " + EXPECTED);
  }

  /** The Logic App "Microsoft Sentinel incident" trigger; it only ever wraps incidents. */
  private static AlertDraft readTrigger(JsonNode envelope, String path) {
    String schemaType = text(envelope, "objectSchemaType");
    if (schemaType != null && !schemaType.equalsIgnoreCase("Incident")) {
      throw new NormalizationException(path + "objectSchemaType", "is not Incident: only incident triggers are read");
    }
    JsonNode incident = field(envelope, "object");
    if (incident == null || !incident.isObject()) {
      throw new NormalizationException(path + "object", "expected the incident resource in an object, got "
          + SentinelFields.describe(incident));
    }
    return IncidentReader.read(envelope, incident, path + "object.");
  }

  private static boolean isSecurityAlert(JsonNode element, JsonNode properties) {
    return "securityalert".equals(lowerCase(text(element, "kind"))) || field(properties, "systemAlertId") != null;
  }

  /** By resource type, or, for a trimmed-down incident, by the fields only an incident has. */
  private static boolean isIncident(JsonNode element, JsonNode properties) {
    String type = lowerCase(text(element, "type"));
    return type != null && type.endsWith("/incidents")
        || field(properties, "incidentNumber") != null || field(properties, "incidentUrl") != null;
  }

  /** Log Analytics rows name their table in {@code Type}; a row projected without it still has its alert fields. */
  private static boolean isAlertRow(JsonNode element) {
    if ("securityalert".equals(lowerCase(text(element, "Type")))) {
      return true;
    }
    for (String name : ROW_FIELDS) {
      if (field(element, name) != null) {
        return true;
      }
    }
    return false;
  }

  private static String lowerCase(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
