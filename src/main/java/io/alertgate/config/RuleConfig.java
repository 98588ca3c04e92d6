package io.alertgate.config;

import java.util.List;
import java.util.Optional;

/**
 * One routing rule as configured, in the manner of an Alertmanager route. An alert it matches is claimed: it goes to
 * the rule's destinations, or nowhere when the rule suppresses it, unless one of the rule's own routes matches too,
 * and then those decide. A rule with neither destinations nor a reason to suppress sends what it claims where its
 * parent would ({@code routing.default} for a top-level rule).
 *
 * @param name         as configured, else its place in the tree, such as {@code rules[2].routes[0]}; recorded with
 *                     each alert it matched
 * @param match        what an alert must be for the rule to claim it
 * @param destinations where a claimed alert goes, by destination name; empty to send it where the parent would
 * @param suppress     the reason a claimed alert goes nowhere, recorded with it
 * @param continues    whether the rules after this one, beside it, are tried too once it matched (their destinations
 *                     are added); without, the first rule that matches decides
 * @param routes       rules tried in order, when this one matches, to refine where its alerts go
 */
public record RuleConfig(String name, MatchConfig match, List<String> destinations, Optional<String> suppress,
                         boolean continues, List<RuleConfig> routes) {

  public RuleConfig {
    destinations = List.copyOf(destinations);
    routes = List.copyOf(routes);
  }
}
