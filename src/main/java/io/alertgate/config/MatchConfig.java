package io.alertgate.config;

import io.alertgate.alert.Severity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A routing rule's {@code match} as configured: conditions that must all hold. A condition left out holds for every
 * alert, so a rule without any claims every alert that reaches it.
 *
 * @param sources      the alert came from one of these sources
 * @param minSeverity  the alert is this severe or more
 * @param fields       a dotted path in the alert document ({@code rule.name}) to the exact text it must hold there
 * @param fieldsRegex  a dotted path to a pattern the whole text there must match, compiled once, here
 * @param tags         the alert carries every one of these tags
 * @param mitreTactics the alert carries one of these MITRE ATT&amp;CK tactics, named by id or by name
 * @param verdicts     the alert's enrichment verdict is one of these (malicious, suspicious, clean, unknown)
 */
public record MatchConfig(List<String> sources, Optional<Severity> minSeverity, Map<String, String> fields,
                          Map<String, Pattern> fieldsRegex, List<String> tags, List<String> mitreTactics,
                          List<String> verdicts) {

  public MatchConfig {
    sources = List.copyOf(sources);
    fields = Map.copyOf(fields);
    fieldsRegex = Map.copyOf(fieldsRegex);
    tags = List.copyOf(tags);
    mitreTactics = List.copyOf(mitreTactics);
    verdicts = List.copyOf(verdicts);
  }

  /** No conditions: every alert. */
  public static MatchConfig everything() {
    return new MatchConfig(List.of(), Optional.empty(), Map.of(), Map.of(), List.of(), List.of(), List.of());
  }
}
