package io.alertgate.enrich.scope;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host names in the one form they are compared, cached and sent in: lower-case ASCII, internationalized labels in
 * punycode, no trailing dot. Two spellings of one name (upper case, full-width letters, ideographic dots, a trailing
 * dot) must meet the same internal-domain rule, or one of them would slip out.
 */
final class HostNames {

  // Underscores are not allowed by the host name rules but are common in real DNS names (service records, some CDNs).
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
  private static final Pattern NUMERIC = Pattern.compile("[0-9]+|0x[0-9a-f]*");
  private static final int MAX_NAME = 253;
  // Longer input cannot become a name of 253 characters; cut before the IDN conversion does any work on it.
  private static final int MAX_INPUT = 1024;

  private HostNames() {
  }

  /** The canonical form of a host name, or empty when the text is not one. */
  static Optional<String> canonical(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > MAX_INPUT) {
      return Optional.empty();
    }
    String ascii;
    try {
      ascii = IDN.toASCII(raw.strip()).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException notAName) {
      return Optional.empty();
    }
    if (ascii.endsWith(".")) {
      ascii = ascii.substring(0, ascii.length() - 1);
    }
    if (ascii.isEmpty() || ascii.length() > MAX_NAME) {
      return Optional.empty();
    }
    String[] labels = ascii.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.empty();
      }
    }
    // A name ending in a number (10.1, 0x7f.1, 2130706433) is how browsers and resolvers spell an IPv4 address
    // loosely: it is no domain, and where it leads cannot be told without guessing.
    if (NUMERIC.matcher(labels[labels.length - 1]).matches()) {
      return Optional.empty();
    }
    return Optional.of(ascii);
  }
}
