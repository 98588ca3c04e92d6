package io.alertgate.config;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code routing} section: which destinations each alert goes to, as an ordered tree of rules in the manner of
 * Alertmanager's routes. Parsed and checked here into plain records; the route stage builds its matchers from them.
 * Its rules sit in lists, so it declares no keys for the README's configuration table; its routing section describes
 * them.
 *
 * @param defaults where an alert no rule claims goes, by destination name; absent: every enabled destination
 * @param rules    the top-level rules, in the order they are tried
 */
public record RoutingSettings(Optional<List<String>> defaults, List<RuleConfig> rules) {

  static final List<ConfigKey> KEYS = List.of();

  private static final Set<String> SECTION_KEYS = Set.of("default", "rules");

  public RoutingSettings {
    defaults = defaults.map(List::copyOf);
    rules = List.copyOf(rules);
  }

  /** No rules and no default: every alert to every enabled destination. */
  public static RoutingSettings everyAlertEverywhere() {
    return new RoutingSettings(Optional.empty(), List.of());
  }

  /**
   * @param sources      the sources' names, which a rule's {@code source} may name
   * @param destinations the destinations' names in the file, enabled or not, which a rule may name besides the
   *                     ones the admin API can add
   */
  static RoutingSettings read(ConfigReader config, Set<String> sources, Set<String> destinations) {
    JsonObject section = config.section("routing");
    PathValues.onlyKeys(section, "routing", SECTION_KEYS, "a routing setting");
    RuleReader reader = new RuleReader(sources, destinations);
    Object defaults = section.getValue("default");
    return new RoutingSettings(
        defaults == null ? Optional.empty() : Optional.of(reader.destinations(defaults, "routing.default")),
        reader.rules(section.getValue("rules"), "routing.rules"));
  }
}
