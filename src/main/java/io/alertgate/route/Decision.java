package io.alertgate.route;

import java.util.List;
import java.util.Optional;

/**
 * Where the rules send one alert, and why, as the route stage records it.
 *
 * @param destinations the enabled destinations it goes to, in order, each once; empty when it goes nowhere
 * @param suppressed   the reason a rule gave for sending it nowhere
 * @param matched      the names of the rules that matched it, in the order they were tried; empty when none did and
 *                     the default applied
 */
public record Decision(List<String> destinations, Optional<String> suppressed, List<String> matched) {

  public Decision {
    destinations = List.copyOf(destinations);
    matched = List.copyOf(matched);
  }

  /** The rules that matched as recorded: comma-joined (a name holds no comma), or null when none did. */
  public String matchedText() {
    return matched.isEmpty() ? null : String.join(",", matched);
  }
}
