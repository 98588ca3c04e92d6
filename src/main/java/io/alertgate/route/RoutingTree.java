package io.alertgate.route;

import io.alertgate.config.RoutingSettings;

import java.util.Collection;
import java.util.List;

/**
 * The routing rules as the route stage applies them, built once from the {@code routing} section: the top-level
 * rules are tried in order, and an alert none of them claims goes to {@code routing.default}, or, with no default,
 * to every enabled destination (so with no rules at all, every alert goes everywhere). Pure: it reads nothing but
 * the alert, and the enabled destinations are given to each decision, as they may change while the gateway runs.
 */
public final class RoutingTree {

  private final List<RoutingRule> rules;
  private final Target fallback;
  private final boolean readsDocuments;

  private RoutingTree(List<RoutingRule> rules, Target fallback) {
    this.rules = rules;
    this.fallback = fallback;
    this.readsDocuments = rules.stream().anyMatch(RoutingRule::readsDocuments);
  }

  public static RoutingTree of(RoutingSettings settings) {
    Target fallback = settings.defaults().map(Target::named).orElseGet(Target::everyEnabled);
    return new RoutingTree(settings.rules().stream().map(rule -> RoutingRule.of(rule, fallback)).toList(), fallback);
  }

  /** Whether some rule reads alert documents (fields, tags, MITRE tactics), not only source and severity. */
  public boolean readsDocuments() {
    return readsDocuments;
  }

  /** @param enabled the destinations enabled now; any other a rule names is left out */
  public Decision route(RoutedAlert alert, Collection<String> enabled) {
    Claims claims = new Claims();
    if (!RoutingRule.tryInOrder(rules, alert, claims)) {
      claims.sendTo(fallback);
    }
    return claims.decide(enabled);
  }
}
