package io.alertgate.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertgate.config.FieldMapping;
import io.alertgate.normalize.elastic.ElasticNormalizer;
import io.alertgate.normalize.generic.GenericNormalizer;
import io.alertgate.normalize.sentinel.SentinelNormalizer;
import io.alertgate.normalize.splunk.SplunkNormalizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A vendor's normalizer as the fuzz tests aim at it: the dotted paths it reads, where hostile values do the most
 * harm, and the real payloads of its fixtures, which mutations start from.
 */
record VendorTarget(String vendor, Normalizer normalizer, List<String> paths, List<String> fixtures) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The generic source's mapping, reading the fields of {@code fixtures/generic/mapped.json}. */
  static final FieldMapping MAPPING = new FieldMapping(Map.ofEntries(Map.entry("title", "/summary"),
      Map.entry("severity", "/level"), Map.entry("event_id", "/id"), Map.entry("timestamp", "/at"),
      Map.entry("tags", "/labels"), Map.entry("source_ips", "/net/src"), Map.entry("hashes", "/files"),
      Map.entry("link", "/console")), "Alert from fuzz", "low");

  static List<VendorTarget> all() {
    return List.of(
        new VendorTarget("elastic", new ElasticNormalizer(), List.of("kibana.alert.uuid", "kibana.alert.risk_score",
            "kibana.alert.severity", "kibana.alert.rule.name", "kibana.alert.rule.threat", "kibana.alert.rule.tags",
            "@timestamp", "source.ip", "signal.rule.risk_score", "kibana.alert.url"),
            List.of("connector-alerts", "context-alerts", "flat-and-nested", "legacy-signal", "nested")),
        new VendorTarget("sentinel", new SentinelNormalizer(), List.of("properties.severity", "properties.title",
            "properties.incidentNumber", "properties.relatedAnalyticRuleIds", "properties.labels", "name",
            "object.properties.severity", "AlertSeverity", "SystemAlertId", "Entities", "ExtendedProperties",
            "TimeGenerated"), List.of("alert-row", "incident-trigger", "incident", "security-alert")),
        new VendorTarget("splunk", new SplunkNormalizer(), List.of("sid", "search_name", "results_link",
            "result.severity", "result.urgency", "result._time", "result.src_ip", "result._raw", "result.event_id",
            "result.annotations.mitre_attack.mitre_technique_id"), List.of("es-notable-event",
            "webhook-multivalue", "webhook-notable", "webhook-search-result")),
        new VendorTarget("generic", new GenericNormalizer(MAPPING), List.of("summary", "level", "id", "at", "labels",
            "net.src", "files", "console"), List.of("mapped")));
  }

  /** Every segment of the paths: the keys a random object is most worth giving. */
  List<String> keys() {
    return paths.stream().flatMap(path -> Stream.concat(Stream.of(path), Stream.of(path.split("\\.")))).distinct()
        .toList();
  }

  /** A fixture of this vendor, read from {@code fixtures/<vendor>/<name>.json}. */
  JsonNode fixture(String name) {
    try (InputStream in = VendorTarget.class.getResourceAsStream("/fixtures/" + vendor + "/" + name + ".json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return vendor;
  }
}
