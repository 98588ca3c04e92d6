package io.alertgate.route;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the rules tried so far for one alert have claimed it for, gathered as the tree is walked. */
final class Claims {

  private final Set<String> named = new LinkedHashSet<>();
  private final List<String> matched = new ArrayList<>();
  private boolean everyEnabled;
  private String suppressed;

  void matched(String rule) {
    matched.add(rule);
  }

  /**
   * Adds a target. A suppression ends the walk and wins over what earlier rules claimed, as a silence would: a rule
   * that suppresses says the alert goes nowhere.
   */
  void sendTo(Target target) {
    if (target.suppressed().isPresent()) {
      suppressed = target.suppressed().get();
    }
    everyEnabled |= target.allEnabled();
    named.addAll(target.destinations());
  }

  boolean suppressed() {
    return suppressed != null;
  }

  /** The decision, with the destinations that are not enabled now left out. */
  Decision decide(Collection<String> enabled) {
    if (suppressed != null) {
      return new Decision(List.of(), Optional.of(suppressed), matched);
    }
    List<String> to = everyEnabled ? List.copyOf(new LinkedHashSet<>(enabled))
        : named.stream().filter(enabled::contains).toList();
    return new Decision(to, Optional.empty(), matched);
  }
}
