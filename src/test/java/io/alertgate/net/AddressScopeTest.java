package io.alertgate.net;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which addresses the gateway may send to, and how operators write the exceptions. */
class AddressScopeTest {

  @ParameterizedTest
  @CsvSource({
      "8.8.8.8, GLOBAL", "1.1.1.1, GLOBAL", "9.255.255.255, GLOBAL", "11.0.0.0, GLOBAL", "172.15.255.255, GLOBAL",
      "172.32.0.0, GLOBAL", "100.63.255.255, GLOBAL", "100.128.0.0, GLOBAL", "223.255.255.255, GLOBAL",
      "0.0.0.0, UNSPECIFIED", "0.1.2.3, RESERVED", "10.0.0.1, PRIVATE", "10.255.255.255, PRIVATE",
      "100.64.0.1, SHARED", "100.127.255.254, SHARED", "127.0.0.1, LOOPBACK", "127.255.255.255, LOOPBACK",
      "169.254.169.254, LINK_LOCAL", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.0.0.8, RESERVED",
      "192.0.2.1, DOCUMENTATION", "192.88.99.1, RESERVED", "192.168.1.1, PRIVATE", "198.18.0.1, RESERVED",
      "198.19.255.255, RESERVED", "198.51.100.7, DOCUMENTATION", "203.0.113.9, DOCUMENTATION",
      "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST", "240.0.0.1, RESERVED", "255.255.255.255, RESERVED",
      "2606:4700:4700::1111, GLOBAL", "2a00:1450:4001::1, GLOBAL", "::, UNSPECIFIED", "::1, LOOPBACK",
      "fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL", "fc00::1, PRIVATE", "fd12:3456::1, PRIVATE", "fec0::1, PRIVATE",
      "ff02::1, MULTICAST", "2001:db8::1, DOCUMENTATION", "3fff::1, DOCUMENTATION", "2001::1, RESERVED",
      "100::1, RESERVED", "64:ff9b:1::1, PRIVATE", "5f00::1, RESERVED", "4000::1, RESERVED", "1::1, RESERVED"})
  @DisplayName("Every special-purpose range of IPv4 and IPv6 by its scope; the rest of unicast is global")
  void scopes(String address, AddressScope expected) {
    assertEquals(expected, AddressScope.of(address));
  }

  @ParameterizedTest
  @CsvSource({
      "::ffff:127.0.0.1, LOOPBACK", "::ffff:7f00:1, LOOPBACK", "::ffff:10.1.2.3, PRIVATE", "::ffff:8.8.8.8, GLOBAL",
      "64:ff9b::7f00:1, LOOPBACK", "64:ff9b::a9fe:a9fe, LINK_LOCAL", "64:ff9b::808:808, GLOBAL",
      "2002:7f00:1::, LOOPBACK", "2002:c0a8:101::1, PRIVATE", "2002:808:808::1, GLOBAL", "::127.0.0.1, LOOPBACK",
      "::a00:1, PRIVATE"})
  @DisplayName("An IPv6 address that carries an IPv4 one (mapped, compatible, NAT64, 6to4) has the scope of the IPv4 one")
  void embeddedIpv4CannotSlipThrough(String address, AddressScope expected) {
    assertEquals(expected, AddressScope.of(address));
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "example.com", "256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "", ":::",
      "fe80::1%eth0", "0x7f.0.0.1", "2130706433", "1:2:3:4:5:6:7:8:9", ".1:2", "::1.2"})
  @DisplayName("Only literal addresses are read: names, short forms, octal, hex and zone ids are refused, never resolved")
  void literalsOnly(String text) {
    assertThrows(IllegalArgumentException.class, () -> AddressScope.of(text));
  }

  @Test
  @DisplayName("A CIDR holds its range and nothing else, in its own family; bits past the prefix do not matter")
  void cidrs() throws Exception {
    Cidr lab = Cidr.parse("10.20.0.0/16");
    assertTrue(lab.contains(InetAddress.getByName("10.20.255.1")));
    assertFalse(lab.contains(InetAddress.getByName("10.21.0.1")));
    assertFalse(lab.contains(InetAddress.getByName("fd00::1")), "another family");
    assertEquals(Cidr.parse("10.20.0.0/16"), Cidr.parse("10.20.3.4/16"));
    assertEquals("10.20.0.0/16", Cidr.parse(" 10.20.3.4/16 ").toString());
    assertTrue(Cidr.parse("192.0.2.7").contains(InetAddress.getByName("192.0.2.7")));
    assertFalse(Cidr.parse("192.0.2.7").contains(InetAddress.getByName("192.0.2.8")));
    assertTrue(Cidr.parse("fd00::/8").contains(InetAddress.getByName("fd12::1")));
    assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8")));
    assertEquals("'10.0.0.0/33': the prefix must be 0 to 32",
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/-1"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("intranet.example/8"));
  }
}
