package io.alertgate.normalize.sentinel;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.json.JsonValues;
import io.alertgate.normalize.Indicators;
import io.alertgate.normalize.Indicators.IpRole;

import java.util.Locale;
import java.util.Map;

import static io.alertgate.normalize.sentinel.SentinelFields.field;
import static io.alertgate.normalize.sentinel.SentinelFields.text;

/**
 * Indicators from Sentinel entities, in both of their forms: REST entity resources ({@code kind: "Ip"} with the
 * data in camelCase {@code properties}) and the entity JSON of alerts ({@code Type: "ip"} with PascalCase fields
 * inline). In the latter an entity is written out in full where it first appears, possibly nested inside another
 * (a process holds its host, a file its hashes), and later only as a {@code $ref}; so nested entities are read
 * too and references, which carry nothing new, are skipped.
 */
final class EntityIndicators {

  // Real entity graphs are a few levels deep; the bounds keep a hostile payload from costing more than a real one.
  private static final int MAX_DEPTH = 6;
  private static final int MAX_VISITS = 10_000;

  private final Indicators out;
  private int visits;

  private EntityIndicators(Indicators out) {
    this.out = out;
  }

  /** Adds the indicators of an entity list: an array, a JSON string holding one, or a single entity. */
  static void collect(JsonNode entities, Indicators out) {
    JsonNode list = SentinelFields.embedded(entities);
    EntityIndicators reader = new EntityIndicators(out);
    if (list.isArray()) {
      list.forEach(entity -> reader.visit(entity, 0));
    } else {
      reader.visit(list, 0);
    }
  }

  private void visit(JsonNode entity, int depth) {
    if (depth > MAX_DEPTH || visits >= MAX_VISITS || !entity.isObject()) {
      return;
    }
    visits++;
    String kind = kindOf(entity);
    if (kind == null) {
      return;
    }
    JsonNode properties = field(entity, "properties");
    JsonNode data = properties != null && properties.isObject() ? properties : entity;
    switch (kind) {
      case "ip" -> out.ip(text(data, "address"), IpRole.OTHER);
      case "host" -> out.host(hostName(data));
      case "account" -> out.user(accountName(data));
      case "filehash" -> out.hash(text(data, "hashValue", "value"));
      case "url" -> out.url(text(data, "url"));
      case "dns", "dnsresolution" -> {
        out.domain(text(data, "domainName"));
        resolvedAddresses(data);
      }
      // A file's name is not an indicator; its hashes, when inline, are nested filehash entities read below.
      default -> { }
    }
    visitNested(data, depth);
  }

  /** {@code kind} of a resource ({@code type} there is the ARM resource type), else {@code Type} of entity JSON. */
  private static String kindOf(JsonNode entity) {
    String kind = text(entity, "kind", "type");
    return kind == null ? null : kind.toLowerCase(Locale.ROOT);
  }

  /** The fully qualified name when the domain is known, else the name Sentinel has. */
  private static String hostName(JsonNode host) {
    String name = text(host, "hostName");
    String domain = text(host, "dnsDomain");
    if (name != null && domain != null && !name.contains(".")) {
      return name + "." + domain;
    }
    return name != null ? name : text(host, "netBiosName");
  }

  /** name@upnSuffix, else DOMAIN\name, else the bare name; a name that is already qualified is kept. */
  private static String accountName(JsonNode account) {
    String name = text(account, "accountName", "name");
    if (name == null) {
      return text(account, "userPrincipalName");
    }
    if (name.contains("@") || name.contains("\\")) {
      return name;
    }
    String upnSuffix = text(account, "upnSuffix");
    if (upnSuffix != null) {
      return name + "@" + upnSuffix;
    }
    String ntDomain = text(account, "ntDomain");
    return ntDomain != null ? ntDomain + "\\" + name : name;
  }

  /** Addresses a name resolved to, as plain strings or address objects; typed IP entities are nested ones. */
  private void resolvedAddresses(JsonNode dns) {
    // Sentinel's entity schema spells the PascalCase field "IpAdresses".
    for (String name : new String[] {"ipAddresses", "ipAdresses"}) {
      JsonNode addresses = field(dns, name);
      if (addresses == null || !addresses.isArray()) {
        continue;
      }
      for (JsonNode address : addresses) {
        out.ip(address.isObject() ? text(address, "address") : JsonValues.text(address),
            IpRole.OTHER);
      }
    }
  }

  private void visitNested(JsonNode data, int depth) {
    for (Map.Entry<String, JsonNode> child : data.properties()) {
      JsonNode value = child.getValue();
      if (value.isObject()) {
        visit(value, depth + 1);
      } else if (value.isArray()) {
        for (JsonNode item : value) {
          visit(item, depth + 1);
        }
      }
    }
  }
}
