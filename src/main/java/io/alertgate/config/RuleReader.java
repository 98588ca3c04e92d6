package io.alertgate.config;

import io.alertgate.alert.Severity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads {@code routing.rules} and the destinations a routing list names, checking each value as it is read: every
 * problem names its path, such as {@code routing.rules[2].destinations[0]}. A rule is bounded in depth and the tree
 * in size, so that no configuration can make routing an alert unbounded work.
 */
final class RuleReader {

  static final int MAX_DEPTH = 8;
  static final int MAX_RULES = 1_000;
  /** Destinations the admin API can configure while the gateway runs: a rule may name them before they exist. */
  static final Set<String> RUNTIME_DESTINATIONS = Set.of("jira", "pagerduty", "stackstorm", "webhook");
  /** The top-level fields of the alert document (alert.schema.json), where a field condition's path starts. */
  static final Set<String> DOCUMENT_FIELDS = Set.of("id", "inbound_id", "source", "source_type", "event_id",
      "correlation_key", "timestamp", "ingested_at", "severity", "vendor_severity", "status", "title", "description",
      "rule", "tags", "mitre", "indicators", "links", "enrichment", "raw");

  private static final int MAX_NAME = 100;
  private static final int MAX_REASON = 500;
  private static final int MAX_FIELD_PATH = 256;
  private static final Set<String> RULE_KEYS = Set.of("name", "match", "destinations", "suppress", "continue",
      "routes");
  private static final Set<String> MATCH_KEYS = Set.of("source", "min_severity", "fields", "fields_regex", "tags",
      "mitre_tactic", "verdict");
  // The enrichment verdicts a rule may match (the enrichment stage's words; this leaf cannot name its enum).
  private static final List<String> VERDICTS = List.of("malicious", "suspicious", "clean", "unknown");

  private final Set<String> sources;
  private final Set<String> destinations;
  // Each name and where it was given: a recorded match must say which rule it was.
  private final Map<String, String> names = new HashMap<>();
  private int count;

  RuleReader(Set<String> sources, Set<String> destinations) {
    this.sources = sources;
    this.destinations = destinations;
  }

  List<RuleConfig> rules(Object value, String path) {
    return rules(value, path, 1);
  }

  /** Destination names, each one in the file or one the admin API can add; absent is an empty list. */
  List<String> destinations(Object value, String path) {
    List<String> named = PathValues.strings(value, path);
    for (int i = 0; i < named.size(); i++) {
      if (!destinations.contains(named.get(i)) && !RUNTIME_DESTINATIONS.contains(named.get(i))) {
        throw new ConfigException(path + "[" + i + "]", "is '" + PathValues.shown(named.get(i)) + "', which is "
            + "neither a destination of the destinations section nor one the admin API can add ("
            + String.join(", ", new TreeSet<>(RUNTIME_DESTINATIONS)) + ")");
      }
    }
    return List.copyOf(new LinkedHashSet<>(named));
  }

  private List<RuleConfig> rules(Object value, String path, int depth) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(path, "must be a list of rules");
    }
    if (depth > MAX_DEPTH) {
      throw new ConfigException(path, "nests rules deeper than " + MAX_DEPTH + " levels");
    }
    List<RuleConfig> rules = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      rules.add(rule(array.getValue(i), path + "[" + i + "]", depth));
    }
    return rules;
  }

  private RuleConfig rule(Object value, String path, int depth) {
    if (++count > MAX_RULES) {
      throw new ConfigException("routing.rules", "has more than " + MAX_RULES + " rules in all");
    }
    if (!(value instanceof JsonObject rule)) {
      throw new ConfigException(path, "must be a rule: a section with match and destinations or suppress");
    }
    PathValues.onlyKeys(rule, path, RULE_KEYS, "a rule's key");
    String name = name(rule.getValue("name"), path);
    List<String> sendTo = destinations(rule.getValue("destinations"), path + ".destinations");
    String suppress = PathValues.text(rule.getValue("suppress"), path + ".suppress", MAX_REASON);
    boolean continues = PathValues.bool(rule.getValue("continue"), path + ".continue", false);
    if (rule.getValue("destinations") != null && sendTo.isEmpty()) {
      throw new ConfigException(path + ".destinations", "is empty; to send an alert nowhere, give suppress a reason");
    }
    if (!sendTo.isEmpty() && suppress != null) {
      throw new ConfigException(path, "has both destinations and suppress; a rule sends what it claims somewhere "
          + "or nowhere");
    }
    if (continues && suppress != null) {
      throw new ConfigException(path + ".continue", "has no effect beside suppress: a suppressed alert goes nowhere, "
          + "whatever later rules say");
    }
    return new RuleConfig(name, match(rule.getValue("match"), path + ".match"), sendTo, Optional.ofNullable(suppress),
        continues, rules(rule.getValue("routes"), path + ".routes", depth + 1));
  }

  /** The configured name, else the rule's place without the section's own ({@code rules[2].routes[0]}). */
  private String name(Object value, String path) {
    String name = PathValues.text(value, path + ".name", MAX_NAME);
    if (name != null && name.contains(",")) {
      throw new ConfigException(path + ".name", "must not hold a comma: the rules an alert matched are recorded "
          + "comma-joined");
    }
    String given = name != null ? name : path.substring("routing.".length());
    String earlier = names.putIfAbsent(given, path);
    if (earlier != null) {
      throw new ConfigException(path + ".name", "is '" + PathValues.shown(given) + "', the name of " + earlier
          + " too; each rule's name must be its own");
    }
    return given;
  }

  private MatchConfig match(Object value, String path) {
    JsonObject match = PathValues.section(value, path);
    PathValues.onlyKeys(match, path, MATCH_KEYS, "a match condition");
    List<String> from = PathValues.strings(match.getValue("source"), path + ".source");
    for (int i = 0; i < from.size(); i++) {
      if (!sources.contains(from.get(i))) {
        throw new ConfigException(path + ".source[" + i + "]", "is '" + PathValues.shown(from.get(i))
            + "', which is not a configured source (" + String.join(", ", new TreeSet<>(sources)) + ")");
      }
    }
    return new MatchConfig(from, severity(match.getValue("min_severity"), path + ".min_severity"),
        byField(match.getValue("fields"), path + ".fields", (text, key) -> text),
        byField(match.getValue("fields_regex"), path + ".fields_regex", RegexGuard::compile),
        PathValues.strings(match.getValue("tags"), path + ".tags"),
        PathValues.strings(match.getValue("mitre_tactic"), path + ".mitre_tactic"),
        verdicts(match.getValue("verdict"), path + ".verdict"));
  }

  private static List<String> verdicts(Object value, String path) {
    List<String> given = PathValues.strings(value, path);
    for (int i = 0; i < given.size(); i++) {
      if (!VERDICTS.contains(given.get(i))) {
        throw new ConfigException(path + "[" + i + "]", "is '" + PathValues.shown(given.get(i)) + "', not one of "
            + String.join(", ", VERDICTS));
      }
    }
    return given;
  }

  private static Optional<Severity> severity(Object value, String path) {
    String word = PathValues.scalar(value, path);
    if (word == null) {
      return Optional.empty();
    }
    String wireName = word.strip().toLowerCase(Locale.ROOT);
    if (!Severity.wireNames().contains(wireName)) {
      throw new ConfigException(path, "must be one of " + String.join(", ", Severity.wireNames()) + ", got '"
          + PathValues.shown(word) + "'");
    }
    return Optional.of(Severity.ofWireName(wireName));
  }

  /** Each document path with what is read from the text written for it (the reader names the key when wrong). */
  private static <T> Map<String, T> byField(Object value, String path, BiFunction<String, String, T> reader) {
    JsonObject section = PathValues.section(value, path);
    Map<String, T> read = new LinkedHashMap<>();
    for (String field : section.fieldNames()) {
      String key = path + "." + PathValues.shown(field);
      checkDocumentPath(field, key);
      String text = PathValues.scalar(section.getValue(field), key);
      if (text == null) {
        throw new ConfigException(key, "must be a value to compare, not empty");
      }
      read.put(field, reader.apply(text, key));
    }
    return read;
  }

  private static void checkDocumentPath(String field, String key) {
    String[] parts = field.split("\\.", -1);
    boolean wellFormed = field.length() <= MAX_FIELD_PATH && Arrays.stream(parts).noneMatch(String::isBlank);
    if (!wellFormed || !DOCUMENT_FIELDS.contains(parts[0])) {
      throw new ConfigException(key, "is not a path in the alert document: dotted, starting at one of its fields ("
          + String.join(", ", new TreeSet<>(DOCUMENT_FIELDS)) + "), such as rule.name");
    }
  }
}
