package io.alertgate.normalize;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Canonical forms of indicator values, or empty for anything that is not one: garbage from a SIEM field must never
 * become an indicator that an enricher spends quota on.
 */
public final class IndicatorValues {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
  private static final Pattern TLD = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.$-]{0,252}");
  /** Placeholders SIEMs and exports put where a value was masked: "xxx.xxx.x.x", "***", "-". */
  private static final Pattern MASKED = Pattern.compile("[xX*#?.\\-]+");
  private static final int MAX_USER = 256;
  private static final int MAX_URL = 4096;

  private IndicatorValues() {
  }

  /** IPv4 dotted quad, or IPv6 in RFC 5952 form (lower case, longest zero run compressed). */
  public static Optional<String> ip(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String value = raw.trim();
    if (isIpv4(value)) {
      return Optional.of(value);
    }
    if (value.startsWith("[") && value.endsWith("]")) {
      value = value.substring(1, value.length() - 1);
    }
    return value.indexOf(':') >= 0 ? ipv6(value) : Optional.empty();
  }

  public enum HashType { MD5, SHA1, SHA256 }

  /** The hash type by length of a hex string: 32 md5, 40 sha1, 64 sha256. */
  public static Optional<HashType> hashType(String hex) {
    if (hex == null || !isHex(hex)) {
      return Optional.empty();
    }
    return switch (hex.length()) {
      case 32 -> Optional.of(HashType.MD5);
      case 40 -> Optional.of(HashType.SHA1);
      case 64 -> Optional.of(HashType.SHA256);
      default -> Optional.empty();
    };
  }

  /** A registrable-looking domain name: lower case, no trailing dot, at least two labels, a real-looking TLD. */
  public static Optional<String> domain(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String value = raw.trim().toLowerCase(Locale.ROOT);
    if (value.endsWith(".")) {
      value = value.substring(0, value.length() - 1);
    }
    if (value.length() > 253 || ip(value).isPresent()) {
      return Optional.empty();
    }
    String[] labels = value.split("\\.", -1);
    if (labels.length < 2 || !TLD.matcher(labels[labels.length - 1]).matches()) {
      return Optional.empty();
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.empty();
      }
    }
    return Optional.of(value);
  }

  /** An absolute http(s) or ftp URL with a host, as sent (whitespace trimmed). */
  public static Optional<String> url(String raw) {
    if (raw == null || raw.length() > MAX_URL) {
      return Optional.empty();
    }
    String value = raw.trim();
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean web = scheme.equals("http") || scheme.equals("https") || scheme.equals("ftp");
      return web && uri.getHost() != null && !uri.getHost().isEmpty() ? Optional.of(value) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** A host name as a SIEM reports it (short or fully qualified), lower-cased; an IP is not a host name here. */
  public static Optional<String> host(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String value = raw.trim();
    if (!HOST.matcher(value).matches() || ip(value).isPresent() || value.chars().allMatch(Character::isDigit)
        || MASKED.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(value.toLowerCase(Locale.ROOT));
  }

  /** A user name as reported (domain\\user, user@domain, or plain), trimmed; no control characters. */
  public static Optional<String> user(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String value = raw.trim();
    if (value.isEmpty() || value.length() > MAX_USER || value.chars().anyMatch(Character::isISOControl)
        || value.equals("-") || value.equalsIgnoreCase("null") || value.equalsIgnoreCase("n/a")) {
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private static Optional<String> ipv6(String value) {
    String[] halves = value.split("::", -1);
    if (halves.length > 2) {
      return Optional.empty();
    }
    int[] groups = new int[8];
    String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
    String[] tail = halves.length == 2 && !halves[1].isEmpty() ? halves[1].split(":", -1) : new String[0];
    int tailGroups = tail.length;
    // An IPv4 tail (::ffff:1.2.3.4) counts as two groups.
    if (tailGroups > 0 && tail[tailGroups - 1].contains(".")) {
      tailGroups++;
    } else if (tail.length == 0 && head.length > 0 && head[head.length - 1].contains(".")) {
      return Optional.empty();
    }
    if (halves.length == 1 ? head.length != 8 : head.length + tailGroups > 7) {
      return Optional.empty();
    }
    if (!fill(groups, head, 0)) {
      return Optional.empty();
    }
    if (!fill(groups, tail, 8 - tailGroups)) {
      return Optional.empty();
    }
    return Optional.of(format(groups));
  }

  private static boolean fill(int[] groups, String[] parts, int from) {
    int index = from;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (i == parts.length - 1 && part.contains(".")) {
        if (!isIpv4(part)) {
          return false;
        }
        String[] octets = part.split("\\.");
        groups[index++] = Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]);
        groups[index++] = Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]);
        continue;
      }
      if (part.isEmpty() || part.length() > 4 || !isHex(part)) {
        return false;
      }
      groups[index++] = Integer.parseInt(part, 16);
    }
    return true;
  }

  // The two checks every indicator goes through, by hand: a regular expression cost more than the rest of the
  // normalizer's indicator work.

  /** A dotted quad of 0-255, without leading zeros (which some parsers read as octal). */
  private static boolean isIpv4(String value) {
    int octets = 0;
    int at = 0;
    while (at <= value.length()) {
      int end = value.indexOf('.', at);
      if (end < 0) {
        end = value.length();
      }
      int digits = end - at;
      if (++octets > 4 || digits < 1 || digits > 3 || (digits > 1 && value.charAt(at) == '0')) {
        return false;
      }
      int octet = 0;
      for (int i = at; i < end; i++) {
        char c = value.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
        octet = octet * 10 + (c - '0');
      }
      if (octet > 255) {
        return false;
      }
      at = end + 1;
    }
    return octets == 4;
  }

  private static boolean isHex(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /** RFC 5952: the longest run (two or more) of zero groups becomes "::", the first one on a tie. */
  private static String format(int[] groups) {
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }
}
