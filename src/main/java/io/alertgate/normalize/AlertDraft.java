package io.alertgate.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertgate.alert.AlertStatus;
import io.alertgate.alert.Severity;
import io.alertgate.alert.Timestamps;
import io.alertgate.digest.Digests;
import io.alertgate.json.JsonValues;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An alert as a normalizer reads it from the vendor payload; {@link #toJson} adds what the pipeline knows (ids,
 * source, ingest time) and produces the document of {@code alert.schema.json}.
 */
public final class AlertDraft {

  private static final int MAX_TITLE = 1024;
  private static final int MAX_DESCRIPTION = 32_768;
  private static final int MAX_KEY = 200;
  private static final int MAX_ID = 512;
  private static final int MAX_LABEL = 256;

  public record Link(String href, String text) {}

  private final String sourceType;
  private final JsonNode raw;
  private String eventId;
  private String correlationKey;
  private Instant timestamp;
  private Severity severity = Severity.MEDIUM;
  private JsonNode vendorSeverity = NullNode.getInstance();
  private AlertStatus status = AlertStatus.UNKNOWN;
  private String title;
  private String description;
  private String ruleId;
  private String ruleName;
  private final Set<String> tags = new LinkedHashSet<>();
  private final Set<String> tactics = new LinkedHashSet<>();
  private final Set<String> techniques = new LinkedHashSet<>();
  private final Indicators indicators = new Indicators();
  private final List<Link> links = new ArrayList<>();

  public AlertDraft(String sourceType, JsonNode raw) {
    this.sourceType = sourceType;
    this.raw = raw;
  }

  /** The vendor's id as sent, unless it is too long or holds control characters: then its digest. */
  public AlertDraft eventId(String value) {
    eventId = value == null ? null : Digests.boundedKey("id:" + value, MAX_ID + 3).substring(3);
    return this;
  }

  /** Stable across re-fires and updates of the same vendor alert; bounded and printable. */
  public AlertDraft correlationKey(String value) {
    correlationKey = value == null ? null : Digests.boundedKey(value, MAX_KEY);
    return this;
  }

  public AlertDraft timestamp(Instant value) {
    timestamp = value;
    return this;
  }

  public AlertDraft severity(Severity value, JsonNode vendorValue) {
    severity = value;
    // A non-finite number would be written as Infinity, which is not JSON.
    vendorSeverity = vendorValue == null || !(vendorValue.isTextual() || vendorValue.isNumber())
        || JsonValues.isNonFinite(vendorValue) ? NullNode.getInstance() : vendorValue;
    return this;
  }

  public AlertDraft status(AlertStatus value) {
    status = value;
    return this;
  }

  public AlertDraft title(String value) {
    title = clip(value, MAX_TITLE);
    return this;
  }

  public AlertDraft description(String value) {
    description = clip(value, MAX_DESCRIPTION);
    return this;
  }

  public AlertDraft rule(String id, String name) {
    ruleId = clip(id, MAX_LABEL);
    ruleName = clip(name, MAX_TITLE);
    return this;
  }

  public AlertDraft tag(String value) {
    return label(tags, value);
  }

  public AlertDraft tactic(String value) {
    return label(tactics, value);
  }

  public AlertDraft technique(String value) {
    return label(techniques, value);
  }

  private AlertDraft label(Set<String> labels, String value) {
    if (value != null && !value.isBlank()) {
      labels.add(clip(value, MAX_LABEL));
    }
    return this;
  }

  public AlertDraft link(String href, String text) {
    IndicatorValues.url(href).ifPresent(url -> links.add(new Link(url, text)));
    return this;
  }

  public Indicators indicators() {
    return indicators;
  }

  public String eventId() {
    return eventId;
  }

  public Instant timestamp() {
    return timestamp;
  }

  public Severity severity() {
    return severity;
  }

  public AlertStatus status() {
    return status;
  }

  public String correlationKey() {
    return correlationKey;
  }

  /**
   * The normalized alert. What the vendor left out is filled in so the document always satisfies the contract: the
   * event id from a digest of the raw alert, the time from the ingest time, the title from the source.
   */
  public ObjectNode toJson(UUID id, UUID inboundId, String source, Instant ingestedAt) {
    String event = eventId != null ? eventId : "sha256:" + Digests.sha256Hex(raw.toString());
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("id", id.toString());
    out.put("inbound_id", inboundId.toString());
    out.put("source", source);
    out.put("source_type", sourceType);
    out.put("event_id", event);
    out.put("correlation_key", correlationKey != null ? correlationKey
        : Digests.boundedKey(source + ":" + event, MAX_KEY));
    out.put("timestamp", Timestamps.format(timestamp != null ? timestamp : ingestedAt));
    out.put("ingested_at", Timestamps.format(ingestedAt));
    out.put("severity", severity.wireName());
    out.set("vendor_severity", vendorSeverity);
    out.put("status", status.wireName());
    out.put("title", title != null && !title.isBlank() ? title : "Alert from " + source);
    if (description == null) {
      out.putNull("description");
    } else {
      out.put("description", description);
    }
    if (ruleId == null && ruleName == null) {
      out.putNull("rule");
    } else {
      out.putObject("rule").put("id", ruleId).put("name", ruleName);
    }
    tags.forEach(out.putArray("tags")::add);
    ObjectNode mitre = out.putObject("mitre");
    tactics.forEach(mitre.putArray("tactics")::add);
    techniques.forEach(mitre.putArray("techniques")::add);
    out.set("indicators", indicators.toJson());
    ArrayNode linkArray = out.putArray("links");
    links.forEach(link -> {
      ObjectNode node = linkArray.addObject().put("href", link.href());
      if (link.text() != null) {
        node.put("text", link.text());
      }
    });
    out.set("raw", raw);
    return out;
  }

  /** Trimmed and at most {@code max} chars, cut on a code-point boundary so no surrogate pair is split. */
  private static String clip(String value, int max) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    if (trimmed.length() <= max) {
      return trimmed;
    }
    int end = max - 1;
    if (Character.isLowSurrogate(trimmed.charAt(end)) && Character.isHighSurrogate(trimmed.charAt(end - 1))) {
      end--;
    }
    return trimmed.substring(0, end) + "\u2026";
  }
}
