package io.alertgate.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.config.Vendor;
import io.alertgate.digest.Digests;
import io.alertgate.json.DottedKeys;

import java.util.Optional;
import java.util.TreeSet;

/**
 * The vendor's own identity of what it sent, so that a SIEM re-sending the same alert is recognised even without
 * a {@code webhook-id}. Each returns a key part, or empty when the payload carries no id.
 */
public final class VendorEventIds {

  private VendorEventIds() {
  }

  /**
   * The id of what a vendor's payload carries; for a generic source, the value at its configured pointer.
   * Empty when the payload carries none.
   */
  public static Optional<String> of(Vendor vendor, JsonNode body, Optional<String> genericPointer) {
    return switch (vendor) {
      case ELASTIC -> elastic(body);
      case SENTINEL -> sentinel(body);
      case SPLUNK -> splunk(body);
      case GENERIC -> genericPointer.flatMap(pointer -> pointer(body, pointer));
    };
  }

  /** {@code kibana.alert.uuid} of the one alert, or a digest of the sorted uuids of a batch of alerts. */
  static Optional<String> elastic(JsonNode body) {
    TreeSet<String> uuids = new TreeSet<>();
    for (JsonNode alert : ElasticAlerts.of(body)) {
      String uuid = DottedKeys.text(alert, "kibana.alert.uuid");
      if (uuid == null) {
        // One alert without an id makes the batch unidentifiable: fall back to the body digest.
        return Optional.empty();
      }
      uuids.add(uuid);
    }
    if (uuids.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(uuids.size() == 1 ? "kibana:" + uuids.first()
        : "kibana-batch:" + Digests.sha256Hex(String.join("\n", uuids)));
  }

  /**
   * An incident's {@code name} or an alert's {@code systemAlertId}, with its last-modified time so that an update
   * of the same incident is a new event while a re-send of the same version is not.
   */
  static Optional<String> sentinel(JsonNode body) {
    JsonNode object = body.path("object").isObject() ? body.get("object") : body;
    JsonNode properties = object.path("properties");
    String incident = properties.isObject() ? textOf(object.get("name")) : null;
    String alert = firstText(properties, "systemAlertId", object, "SystemAlertId");
    String id = incident != null ? "incident:" + incident : alert != null ? "alert:" + alert : null;
    if (id == null) {
      return Optional.empty();
    }
    String version = firstText(properties, "lastModifiedTimeUtc", object, "TimeGenerated");
    return Optional.of(version == null ? id : id + "@" + version);
  }

  /** The search id with a digest of the result row, else an Enterprise Security notable's {@code event_id}. */
  static Optional<String> splunk(JsonNode body) {
    String sid = textOf(body.get("sid"));
    if (sid != null) {
      JsonNode result = body.path("result");
      return Optional.of("sid:" + sid + "/" + Digests.sha256Hex(result.toString()));
    }
    String eventId = textOf(body.get("event_id"));
    if (eventId == null) {
      eventId = textOf(body.path("result").get("event_id"));
    }
    return Optional.ofNullable(eventId).map(id -> "notable:" + id);
  }

  /** The value at a configured JSON pointer, for generic sources. */
  static Optional<String> pointer(JsonNode body, String pointer) {
    return Optional.ofNullable(textOf(body.at(pointer))).map(id -> "id:" + id);
  }

  private static String firstText(JsonNode first, String firstField, JsonNode second, String secondField) {
    String value = textOf(first.get(firstField));
    return value != null ? value : textOf(second.get(secondField));
  }

  private static String textOf(JsonNode node) {
    if (node == null || !(node.isTextual() || node.isIntegralNumber())) {
      return null;
    }
    String text = node.asText();
    return text.isBlank() ? null : text;
  }
}
