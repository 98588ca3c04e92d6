package io.alertgate.enrich.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Host names that name something inside the network: the operator's internal domains and every name below them,
 * {@code localhost}, names of one label (resolved through a local search list), and the suffixes set aside for
 * local networks. Names here are canonical ({@link HostNames}).
 */
final class InternalNames {

  /** Suffixes reserved or commonly used for names that only a local resolver answers. */
  private static final List<String> LOCAL_SUFFIXES = List.of("local", "internal", "lan", "home.arpa");

  private final List<String> internalDomains;

  /**
   * @param configured the operator's internal domains, in any spelling {@link HostNames} reads; a leading
   *                   {@code *.} or {@code .} is allowed, as the domain always covers the names below it
   * @throws IllegalArgumentException naming the first entry that is not a domain name
   */
  InternalNames(List<String> configured) {
    List<String> domains = new ArrayList<>();
    for (String entry : configured) {
      String bare = entry.strip().replaceFirst("^\\*?\\.", "");
      domains.add(HostNames.canonical(bare)
          .orElseThrow(() -> new IllegalArgumentException("'" + entry + "' is not a domain name")));
    }
    this.internalDomains = List.copyOf(domains);
  }

  /** The rule that keeps a canonical name inside, or empty when it may be looked up. */
  Optional<String> ruleFor(String name) {
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return Optional.of("localhost");
    }
    if (name.indexOf('.') < 0) {
      return Optional.of("single-label name");
    }
    for (String suffix : LOCAL_SUFFIXES) {
      if (isUnder(name, suffix)) {
        return Optional.of("local-network suffix ." + suffix);
      }
    }
    for (String domain : internalDomains) {
      if (isUnder(name, domain)) {
        return Optional.of("internal domain " + domain);
      }
    }
    return Optional.empty();
  }

  private static boolean isUnder(String name, String domain) {
    return name.equals(domain) || name.endsWith("." + domain);
  }
}
