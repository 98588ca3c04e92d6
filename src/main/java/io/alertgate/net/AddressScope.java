package io.alertgate.net;

import io.alertgate.json.WireName;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where an address can be reached from: the public internet, or only some network of its own (IANA's special-purpose
 * registries for IPv4 and IPv6). The gateway sends nothing to an address that is not {@link #GLOBAL} unless an
 * operator allowed it: a webhook aimed at one would reach into the network the gateway runs in, and an indicator
 * looked up at a threat-intelligence service would tell it about that network.
 */
public enum AddressScope implements WireName {
  GLOBAL, PRIVATE, SHARED, LOOPBACK, LINK_LOCAL, MULTICAST, DOCUMENTATION, UNSPECIFIED, RESERVED;

  // Checked in order, the narrower range first where two overlap.
  private static final List<Map.Entry<Cidr, AddressScope>> IPV4 = ranges(
      "0.0.0.0/32", UNSPECIFIED,
      "0.0.0.0/8", RESERVED,            // "this network"
      "10.0.0.0/8", PRIVATE,
      "100.64.0.0/10", SHARED,          // carrier-grade NAT
      "127.0.0.0/8", LOOPBACK,
      "169.254.0.0/16", LINK_LOCAL,
      "172.16.0.0/12", PRIVATE,
      "192.0.0.0/24", RESERVED,         // IETF protocol assignments
      "192.0.2.0/24", DOCUMENTATION,
      "192.88.99.0/24", RESERVED,       // the retired 6to4 relay anycast
      "192.168.0.0/16", PRIVATE,
      "198.18.0.0/15", RESERVED,        // benchmarking
      "198.51.100.0/24", DOCUMENTATION,
      "203.0.113.0/24", DOCUMENTATION,
      "224.0.0.0/4", MULTICAST,
      "240.0.0.0/4", RESERVED);         // includes the broadcast address
  private static final List<Map.Entry<Cidr, AddressScope>> IPV6 = ranges(
      "::/128", UNSPECIFIED,
      "::1/128", LOOPBACK,
      "64:ff9b:1::/48", PRIVATE,        // local-use NAT64
      "100::/64", RESERVED,             // discard-only
      "2001:db8::/32", DOCUMENTATION,
      "2001::/23", RESERVED,            // IETF protocol assignments, Teredo among them
      "3fff::/20", DOCUMENTATION,
      "5f00::/16", RESERVED,            // segment routing
      "fc00::/7", PRIVATE,              // unique local
      "fe80::/10", LINK_LOCAL,
      "fec0::/10", PRIVATE,             // the retired site-local
      "ff00::/8", MULTICAST);
  private static final Cidr GLOBAL_UNICAST_V6 = Cidr.parse("2000::/3");
  /** IPv6 forms that carry an IPv4 address inside: they reach whatever it reaches. */
  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
  private static final Cidr COMPATIBLE = Cidr.parse("::/96");

  /** The scope of a literal address (IPv4 or IPv6, never a name); an IllegalArgumentException when it is none. */
  public static AddressScope of(String literal) {
    try {
      return of(InetAddress.getByAddress(Cidr.literal(literal)));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + literal + "' is not an IP address");
    }
  }

  public static AddressScope of(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      return lookup(IPV4, address, GLOBAL);
    }
    InetAddress embedded = embeddedIpv4((Inet6Address) address, bytes);
    if (embedded != null) {
      return of(embedded);
    }
    return lookup(IPV6, address, GLOBAL_UNICAST_V6.contains(address) ? GLOBAL : RESERVED);
  }

  /** IPv4-mapped, IPv4-compatible, NAT64 and 6to4 addresses: the IPv4 address they stand for. */
  private static InetAddress embeddedIpv4(Inet6Address address, byte[] bytes) {
    int from;
    if (isMapped(bytes) || NAT64.contains(address)) {
      from = 12;
    } else if (SIX_TO_FOUR.contains(address)) {
      from = 2;
    } else if (COMPATIBLE.contains(address) && !isZeroOrOne(bytes)) {
      from = 12;
    } else {
      return null;
    }
    try {
      return InetAddress.getByAddress(new byte[] {bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]});
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static boolean isMapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  /** :: and ::1 are IPv6's own unspecified and loopback addresses, not IPv4-compatible ones. */
  private static boolean isZeroOrOne(byte[] bytes) {
    for (int i = 0; i < 15; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[15] == 0 || bytes[15] == 1;
  }

  private static AddressScope lookup(List<Map.Entry<Cidr, AddressScope>> table, InetAddress address,
                                     AddressScope otherwise) {
    for (Map.Entry<Cidr, AddressScope> range : table) {
      if (range.getKey().contains(address)) {
        return range.getValue();
      }
    }
    return otherwise;
  }

  private static List<Map.Entry<Cidr, AddressScope>> ranges(Object... pairs) {
    List<Map.Entry<Cidr, AddressScope>> table = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      table.add(Map.entry(Cidr.parse((String) pairs[i]), (AddressScope) pairs[i + 1]));
    }
    return List.copyOf(table);
  }
}
