package io.alertgate.normalize;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The indicators of one alert, validated and de-duplicated as they are added. Each {@code add} quietly ignores a
 * value that is not a valid indicator of its kind, so normalizers can offer whatever the SIEM sent.
 */
public final class Indicators {

  public enum IpRole { SOURCE, DESTINATION, HOST, OTHER }

  private final Map<String, IpRole> ips = new LinkedHashMap<>();
  private final Set<String> domains = new LinkedHashSet<>();
  private final Set<String> urls = new LinkedHashSet<>();
  private final Map<String, IndicatorValues.HashType> hashes = new LinkedHashMap<>();
  private final Set<String> hosts = new LinkedHashSet<>();
  private final Set<String> users = new LinkedHashSet<>();

  /** The first role an address is seen in is kept: a source IP also listed under host.ip stays a source. */
  public Indicators ip(String raw, IpRole role) {
    IndicatorValues.ip(raw).ifPresent(ip -> ips.putIfAbsent(ip, role));
    return this;
  }

  public Indicators domain(String raw) {
    IndicatorValues.domain(raw).ifPresent(domains::add);
    return this;
  }

  /** Adds the URL, and its host as a domain (or an IP) when it is one. */
  public Indicators url(String raw) {
    IndicatorValues.url(raw).ifPresent(url -> {
      urls.add(url);
      String host = java.net.URI.create(url).getHost();
      if (IndicatorValues.ip(host).isPresent()) {
        ip(host, IpRole.OTHER);
      } else {
        domain(host);
      }
    });
    return this;
  }

  /** A hex digest of any supported length; the type is told by the length. */
  public Indicators hash(String raw) {
    if (raw != null) {
      String value = raw.trim().toLowerCase(Locale.ROOT);
      IndicatorValues.hashType(value).ifPresent(type -> hashes.putIfAbsent(value, type));
    }
    return this;
  }

  /** A host name; an IP given as a host name goes to the IPs with the host role instead. */
  public Indicators host(String raw) {
    if (IndicatorValues.ip(raw).isPresent()) {
      return ip(raw, IpRole.HOST);
    }
    IndicatorValues.host(raw).ifPresent(hosts::add);
    return this;
  }

  public Indicators user(String raw) {
    IndicatorValues.user(raw).ifPresent(users::add);
    return this;
  }

  public ObjectNode toJson() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode out = json.objectNode();
    ArrayNode ipArray = out.putArray("ips");
    ips.forEach((ip, role) -> ipArray.addObject().put("value", ip).put("role", role.name().toLowerCase(Locale.ROOT)));
    domains.forEach(out.putArray("domains")::add);
    urls.forEach(out.putArray("urls")::add);
    ArrayNode hashArray = out.putArray("hashes");
    hashes.forEach((hash, type) -> hashArray.addObject().put("value", hash)
        .put("type", type.name().toLowerCase(Locale.ROOT)));
    hosts.forEach(out.putArray("hosts")::add);
    users.forEach(out.putArray("users")::add);
    return out;
  }
}
