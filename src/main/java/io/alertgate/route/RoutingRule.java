package io.alertgate.route;

import io.alertgate.config.RuleConfig;

import java.util.List;

/**
 * One rule of the tree, with its match built and its target resolved: its own destinations or suppression, else its
 * parent's target, as an Alertmanager route inherits its parent's receiver.
 */
final class RoutingRule {

  private final String name;
  private final RuleMatcher matcher;
  private final Target target;
  private final boolean continues;
  private final List<RoutingRule> routes;

  private RoutingRule(String name, RuleMatcher matcher, Target target, boolean continues, List<RoutingRule> routes) {
    this.name = name;
    this.matcher = matcher;
    this.target = target;
    this.continues = continues;
    this.routes = routes;
  }

  static RoutingRule of(RuleConfig config, Target inherited) {
    Target target = config.suppress().map(Target::suppressing).orElseGet(() ->
        config.destinations().isEmpty() ? inherited : Target.named(config.destinations()));
    List<RoutingRule> routes = config.routes().stream().map(route -> of(route, target)).toList();
    return new RoutingRule(config.name(), RuleMatcher.of(config.name(), config.match()), target, config.continues(),
        routes);
  }

  /**
   * Tries rules in order, as Alertmanager tries a route's children: a rule that matches claims the alert, for its
   * own routes to refine (when none of them matches, its own target applies), and ends the trying unless it
   * continues. A suppression ends it in any case.
   *
   * @return whether any of the rules matched
   */
  static boolean tryInOrder(List<RoutingRule> rules, RoutedAlert alert, Claims claims) {
    boolean claimed = false;
    for (RoutingRule rule : rules) {
      if (claims.suppressed()) {
        break;
      }
      if (!rule.matcher.test(alert)) {
        continue;
      }
      claimed = true;
      claims.matched(rule.name);
      if (!tryInOrder(rule.routes, alert, claims)) {
        claims.sendTo(rule.target);
      }
      if (!rule.continues) {
        break;
      }
    }
    return claimed;
  }

  /** Whether this rule or one of its routes reads alert documents. */
  boolean readsDocuments() {
    return matcher.readsDocument() || routes.stream().anyMatch(RoutingRule::readsDocuments);
  }
}
