package io.alertgate.config;

import java.util.Map;
import java.util.Set;

/**
 * How a generic source's JSON becomes an alert: JSON pointers per alert field, and defaults for title and severity.
 *
 * @param pointers        alert field name to JSON pointer (see {@link #FIELDS})
 * @param defaultTitle    when the title pointer finds nothing
 * @param defaultSeverity a severity word, when the severity pointer finds nothing readable
 */
public record FieldMapping(Map<String, String> pointers, String defaultTitle, String defaultSeverity) {

  /** The fields a mapping may point at; indicator fields may point at a value or an array of values. */
  public static final Set<String> FIELDS = Set.of("title", "description", "severity", "event_id", "timestamp",
      "status", "rule_id", "rule_name", "correlation_key", "tags", "tactics", "techniques", "link",
      "source_ips", "destination_ips", "ips", "domains", "urls", "hashes", "hosts", "users", "alerts");

  public FieldMapping {
    pointers = Map.copyOf(pointers);
  }

  public static FieldMapping empty() {
    return new FieldMapping(Map.of(), null, "medium");
  }
}
