package io.alertgate.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address range written as {@code address/prefix} (or a lone address), IPv4 or IPv6, as operators write
 * allow-lists. Only literal addresses are read: a host name here would mean a DNS lookup at configuration time.
 */
public record Cidr(byte[] network, int prefix) {

  public Cidr {
    network = network.clone();
    if (network.length != 4 && network.length != 16 || prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException("not an address range");
    }
    // The bits past the prefix are cleared, so 10.1.2.3/8 and 10.0.0.0/8 are the same range.
    for (int bit = prefix; bit < network.length * 8; bit++) {
      network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
  }

  /** Reads {@code 10.0.0.0/8}, {@code fd00::/8}, {@code 192.0.2.7}; an IllegalArgumentException says what is wrong. */
  public static Cidr parse(String text) {
    String value = text.trim();
    int slash = value.indexOf('/');
    String address = slash < 0 ? value : value.substring(0, slash);
    byte[] bytes = literal(address);
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      String bits = value.substring(slash + 1);
      if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > bytes.length * 8) {
        throw new IllegalArgumentException("'" + text + "': the prefix must be 0 to " + bytes.length * 8);
      }
      prefix = Integer.parseInt(bits);
    }
    return new Cidr(bytes, prefix);
  }

  public boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr cidr && cidr.prefix == prefix && Arrays.equals(cidr.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** A literal IPv4 or IPv6 address, never a name to look up. */
  static byte[] literal(String address) {
    boolean ipv4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean ipv6 = address.contains(":") && address.matches("[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    if (!ipv4 && !ipv6) {
      throw new IllegalArgumentException("'" + address + "' is not an IP address");
    }
    if (ipv4 && Arrays.stream(address.split("\\.")).anyMatch(part -> Integer.parseInt(part) > 255
        || part.length() > 1 && part.startsWith("0"))) {
      throw new IllegalArgumentException("'" + address + "' is not an IPv4 address");
    }
    try {
      // A literal of these characters only is parsed, not resolved.
      byte[] bytes = InetAddress.getByName(address).getAddress();
      return ipv6 && bytes.length == 4 ? mapped(bytes) : bytes;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + address + "' is not an IP address");
    }
  }

  /** Java reads ::ffff:a.b.c.d as the IPv4 address; a range written in IPv6 stays IPv6. */
  private static byte[] mapped(byte[] ipv4) {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    System.arraycopy(ipv4, 0, bytes, 12, 4);
    return bytes;
  }
}
