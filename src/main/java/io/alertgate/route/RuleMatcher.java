package io.alertgate.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.config.MatchConfig;
import io.alertgate.json.DottedKeys;
import io.alertgate.json.JsonValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A rule's match, built once from its configuration: conditions that must all hold, the ones on the alert's columns
 * first. A rule without conditions claims every alert. A document field holds the text of a string, a number or a
 * boolean there, or of each such item of an array there; a field that is missing, null or an object holds none, so a
 * condition on it does not hold.
 */
final class RuleMatcher implements Predicate<RoutedAlert> {

  private final List<Predicate<RoutedAlert>> conditions;
  private final boolean readsDocument;

  private RuleMatcher(List<Predicate<RoutedAlert>> conditions, boolean readsDocument) {
    this.conditions = List.copyOf(conditions);
    this.readsDocument = readsDocument;
  }

  static RuleMatcher of(String rule, MatchConfig match) {
    List<Predicate<RoutedAlert>> conditions = new ArrayList<>();
    if (!match.sources().isEmpty()) {
      Set<String> sources = Set.copyOf(match.sources());
      conditions.add(routed -> sources.contains(routed.alert().source()));
    }
    match.minSeverity().ifPresent(floor -> conditions.add(routed -> routed.alert().severity().atLeast(floor)));
    int onColumns = conditions.size();
    match.fields().forEach((path, value) ->
        conditions.add(routed -> texts(routed.document(), path).anyMatch(value::equals)));
    match.fieldsRegex().forEach((path, pattern) -> {
      String what = "rule " + rule + ", fields_regex " + path;
      conditions.add(routed -> texts(routed.document(), path)
          .anyMatch(text -> BoundedMatch.matches(pattern, text, what)));
    });
    if (!match.tags().isEmpty()) {
      conditions.add(routed -> texts(routed.document(), "tags").collect(Collectors.toSet())
          .containsAll(match.tags()));
    }
    if (!match.mitreTactics().isEmpty()) {
      Set<String> wanted = match.mitreTactics().stream().map(TacticNames::key).collect(Collectors.toSet());
      conditions.add(routed -> texts(routed.document(), "mitre.tactics").map(TacticNames::key)
          .anyMatch(wanted::contains));
    }
    if (!match.verdicts().isEmpty()) {
      // Without enrichment (not run, or not yet), the verdict is unknown.
      Set<String> wanted = Set.copyOf(match.verdicts());
      conditions.add(routed -> wanted.contains(texts(routed.document(), "enrichment.verdict").findFirst()
          .orElse("unknown")));
    }
    return new RuleMatcher(conditions, conditions.size() > onColumns);
  }

  @Override
  public boolean test(RoutedAlert routed) {
    for (Predicate<RoutedAlert> condition : conditions) {
      if (!condition.test(routed)) {
        return false;
      }
    }
    return true;
  }

  /** Whether some condition reads the alert's document, which must then be loaded. */
  boolean readsDocument() {
    return readsDocument;
  }

  /** The texts a document holds at a dotted path: strings as they are, numbers and booleans as written. */
  private static Stream<String> texts(JsonNode document, String path) {
    JsonNode found = DottedKeys.find(document, path);
    if (found == null) {
      return Stream.empty();
    }
    Stream<JsonNode> values = found.isArray() ? StreamSupport.stream(found.spliterator(), false) : Stream.of(found);
    return values.map(value -> value.isTextual() ? value.textValue() : JsonValues.text(value))
        .filter(Objects::nonNull);
  }
}
