package io.alertgate.enrich.scope;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.net.AddressScope;
import io.alertgate.net.Cidr;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides, from an alert's {@code indicators}, which values may be sent to a threat-intelligence provider and which
 * must stay inside the network: addresses that are not global (private, loopback, link-local, CGNAT, multicast,
 * reserved, documentation; IPv4 inside IPv6 by the address it carries), and names under the operator's internal
 * domains or local by their form, also as the host of a URL. Host and user names are never sent.
 *
 * <p>An alert is hostile input: each list is read to at most {@link #MAX_EXAMINED} entries and yields at most
 * {@link #MAX_PER_KIND} distinct indicators, so one alert cannot spend a provider's quota or the stage's time.
 */
public final class LookupScope {

  /** Distinct indicators of one kind taken from one alert at most. */
  public static final int MAX_PER_KIND = 100;
  /** Entries of one list read at most, duplicates and malformed ones included. */
  public static final int MAX_EXAMINED = 10 * MAX_PER_KIND;
  /** Longest URL looked up; a longer one is no web address a provider will have seen. */
  static final int MAX_URL = 4096;
  /** How much of an unusable value is kept to report it. */
  private static final int MAX_SHOWN = 256;

  private final InternalNames internalNames;
  private final UrlHosts urlHosts = new UrlHosts();

  /**
   * @param internalDomains the operator's internal domains: each and every name below it stays inside
   * @throws IllegalArgumentException naming an entry that is not a domain name
   */
  public LookupScope(List<String> internalDomains) {
    this.internalNames = new InternalNames(internalDomains);
  }

  /** The scope of every indicator of an alert's {@code indicators} object; a missing or wrong list is empty. */
  public AlertScope of(JsonNode indicators) {
    List<ScopedIndicator> scoped = new ArrayList<>();
    Map<IndicatorKind, Integer> notExamined = new EnumMap<>(IndicatorKind.class);
    read(indicators, "ips", IndicatorKind.IP, this::ip, scoped, notExamined);
    read(indicators, "domains", IndicatorKind.DOMAIN, this::domain, scoped, notExamined);
    read(indicators, "urls", IndicatorKind.URL, this::url, scoped, notExamined);
    read(indicators, "hashes", IndicatorKind.HASH, LookupScope::hash, scoped, notExamined);
    return new AlertScope(scoped, notExamined);
  }

  private static void read(JsonNode indicators, String field, IndicatorKind kind,
                           Function<JsonNode, ScopedIndicator> rule, List<ScopedIndicator> out,
                           Map<IndicatorKind, Integer> notExamined) {
    JsonNode list = indicators == null ? null : indicators.get(field);
    if (list == null || !list.isArray()) {
      return;
    }
    Set<String> seen = new HashSet<>();
    int taken = 0;
    int examined = 0;
    for (; examined < list.size() && examined < MAX_EXAMINED && taken < MAX_PER_KIND; examined++) {
      ScopedIndicator indicator = rule.apply(list.get(examined));
      // Unusable values have no query; they are told apart by what the alert carried.
      String key = indicator.mayLookUp() || indicator.disposition() == Disposition.SKIPPED_PRIVATE
          ? "q:" + indicator.query() : "v:" + indicator.value();
      if (seen.add(key)) {
        out.add(indicator);
        taken++;
      }
    }
    if (examined < list.size()) {
      notExamined.put(kind, list.size() - examined);
    }
  }

  private ScopedIndicator ip(JsonNode entry) {
    return text(entry).map(value -> {
      Optional<InetAddress> address = address(value);
      if (address.isEmpty()) {
        return ScopedIndicator.unusable(IndicatorKind.IP, shown(value), "not an IP address");
      }
      String query = address.get().getHostAddress();
      return addressRule(address.get())
          .map(rule -> ScopedIndicator.skipped(IndicatorKind.IP, value, query, rule))
          .orElseGet(() -> ScopedIndicator.lookup(IndicatorKind.IP, value, query));
    }).orElseGet(() -> notText(entry, IndicatorKind.IP));
  }

  private ScopedIndicator domain(JsonNode entry) {
    return text(entry).map(value -> {
      Optional<String> name = HostNames.canonical(value);
      if (name.isEmpty()) {
        return ScopedIndicator.unusable(IndicatorKind.DOMAIN, shown(value), "not a domain name");
      }
      return internalNames.ruleFor(name.get())
          .map(rule -> ScopedIndicator.skipped(IndicatorKind.DOMAIN, value, name.get(), rule))
          .orElseGet(() -> ScopedIndicator.lookup(IndicatorKind.DOMAIN, value, name.get()));
    }).orElseGet(() -> notText(entry, IndicatorKind.DOMAIN));
  }

  private ScopedIndicator url(JsonNode entry) {
    return text(entry).map(value -> {
      if (value.length() > MAX_URL) {
        return ScopedIndicator.unusable(IndicatorKind.URL, shown(value), "longer than " + MAX_URL + " characters");
      }
      UrlHosts.Host host = urlHosts.of(value);
      if (host.problem().isPresent()) {
        return ScopedIndicator.unusable(IndicatorKind.URL, shown(value), host.problem().get());
      }
      Optional<String> rule = host.address().isPresent() ? addressRule(host.address().get())
          : internalNames.ruleFor(host.name().orElseThrow());
      return rule.map(found -> ScopedIndicator.skipped(IndicatorKind.URL, value, value, "host: " + found))
          .orElseGet(() -> ScopedIndicator.lookup(IndicatorKind.URL, value, value));
    }).orElseGet(() -> notText(entry, IndicatorKind.URL));
  }

  private static ScopedIndicator hash(JsonNode entry) {
    Optional<String> text = text(entry);
    if (text.isEmpty()) {
      return notText(entry, IndicatorKind.HASH);
    }
    String value = text.get();
    Optional<String> type = FileHashes.typeOf(value);
    if (type.isEmpty()) {
      return ScopedIndicator.unusable(IndicatorKind.HASH, shown(value), FileHashes.UNSUPPORTED);
    }
    JsonNode declared = entry.isObject() ? entry.get("type") : null;
    if (declared != null && declared.isTextual() && !declared.asText().equalsIgnoreCase(type.get())) {
      return ScopedIndicator.unusable(IndicatorKind.HASH, shown(value),
          "said to be " + shown(declared.asText()) + " but has the length of " + type.get());
    }
    return ScopedIndicator.lookup(IndicatorKind.HASH, value, value.toLowerCase(Locale.ROOT));
  }

  /** Why an address stays inside: every scope but global. */
  static Optional<String> addressRule(InetAddress address) {
    AddressScope scope = AddressScope.of(address);
    return scope == AddressScope.GLOBAL ? Optional.empty() : Optional.of(scope.wireName() + " address");
  }

  /** A literal IPv4 or IPv6 address, bracketed or not; never a name, so nothing is resolved. */
  static Optional<InetAddress> address(String text) {
    String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (literal.indexOf('/') >= 0 || literal.length() > 64) {
      return Optional.empty();
    }
    try {
      // An IPv4-mapped address comes back as the IPv4 address it stands for, which is what a provider knows.
      return Optional.of(InetAddress.getByAddress(Cidr.parse(literal).network()));
    } catch (IllegalArgumentException | UnknownHostException notAnAddress) {
      return Optional.empty();
    }
  }

  /**
   * An entry's value: the text itself, or the {@code value} field of an object; trimmed, never blank, and without
   * control characters, which no indicator has and which some parsers would quietly drop.
   */
  private static Optional<String> text(JsonNode entry) {
    JsonNode value = valueOf(entry);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      return Optional.empty();
    }
    String text = value.asText().strip();
    return text.chars().anyMatch(Character::isISOControl) ? Optional.empty() : Optional.of(text);
  }

  private static ScopedIndicator notText(JsonNode entry, IndicatorKind kind) {
    JsonNode value = valueOf(entry);
    if (value != null && value.isTextual() && !value.asText().isBlank()) {
      return ScopedIndicator.unusable(kind, shown(value.asText()), "contains control characters");
    }
    // An object or a list is named, not printed: it may be huge.
    String what = value == null ? "nothing" : value.isValueNode() ? value.asText() : value.getNodeType().toString();
    return ScopedIndicator.unusable(kind, shown(what), "not a non-empty string");
  }

  private static JsonNode valueOf(JsonNode entry) {
    return entry != null && entry.isObject() ? entry.get("value") : entry;
  }

  /** A value safe to report: on one line and short. */
  static String shown(String value) {
    String start = value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "...";
    return start.replaceAll("\\p{Cntrl}", "?");
  }
}
