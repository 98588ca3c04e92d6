package io.alertgate.route;

import java.util.List;
import java.util.Optional;

/**
 * Where a rule sends the alerts it claims: to destinations by name, to every enabled destination (where there is no
 * default), or nowhere, for a reason.
 */
record Target(List<String> destinations, boolean allEnabled, Optional<String> suppressed) {

  static Target named(List<String> destinations) {
    return new Target(List.copyOf(destinations), false, Optional.empty());
  }

  static Target everyEnabled() {
    return new Target(List.of(), true, Optional.empty());
  }

  static Target suppressing(String reason) {
    return new Target(List.of(), false, Optional.of(reason));
  }
}
