package io.alertgate.enrich.scope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which indicators of an alert may be sent to a provider, and which must stay inside the network. */
class LookupScopeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final LookupScope scope = new LookupScope(List.of("corp.example.com", "*.ad.example", "BÜCHER.example."));

  @ParameterizedTest
  @CsvSource({
      "10.1.2.3, private address", "172.16.0.1, private address", "192.168.1.1, private address",
      "127.0.0.1, loopback address", "169.254.169.254, link_local address", "100.64.0.1, shared address",
      "224.0.0.251, multicast address", "240.0.0.1, reserved address", "255.255.255.255, reserved address",
      "0.0.0.0, unspecified address", "198.18.0.1, reserved address", "192.0.2.7, documentation address",
      "198.51.100.7, documentation address", "203.0.113.9, documentation address",
      "::1, loopback address", "fe80::1, link_local address", "fd12:3456::1, private address",
      "ff02::1, multicast address", "2001:db8::1, documentation address", ":: , unspecified address",
      "::ffff:10.0.0.1, private address", "::ffff:7f00:1, loopback address", "[::ffff:192.168.0.1], private address",
      "64:ff9b::a00:1, private address", "2002:c0a8:101::1, private address"})
  @DisplayName("Addresses that are not public, IPv4 inside IPv6 among them, are skipped with their scope")
  void privateAddresses(String address, String rule) {
    assertSkipped(ips(address), rule);
  }

  @ParameterizedTest
  @CsvSource({"8.8.8.8, 8.8.8.8", "1.1.1.1, 1.1.1.1", "2606:4700:4700::1111, 2606:4700:4700:0:0:0:0:1111",
      "::ffff:8.8.8.8, 8.8.8.8", "[2a00:1450:4001::1], 2a00:1450:4001:0:0:0:0:1"})
  @DisplayName("Public addresses are looked up; an IPv4-mapped one as the IPv4 address it stands for")
  void publicAddresses(String address, String query) {
    ScopedIndicator ip = only(ips(address));
    assertTrue(ip.mayLookUp(), address);
    assertEquals(address, ip.value());
    assertEquals(query, ip.query());
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8", "256.1.1.1", "010.0.0.1", "8.8.8.8/32", "fe80::1%eth0", "example.com", "1:2:3",
      "８.８.８.８", "0x7f.0.0.1"})
  @DisplayName("What is not a literal address is never looked up, and never resolved")
  void notAddresses(String text) {
    ScopedIndicator ip = only(ips(text));
    assertEquals(Disposition.UNUSABLE, ip.disposition(), text);
    assertEquals("not an IP address", ip.reason());
  }

  @ParameterizedTest
  @CsvSource({
      "corp.example.com, internal domain corp.example.com", "A.Corp.Example.COM., internal domain corp.example.com",
      "dc1.ad.example, internal domain ad.example", "ad.example, internal domain ad.example",
      "xn--bcher-kva.example, internal domain xn--bcher-kva.example",
      "shop.bücher.example, internal domain xn--bcher-kva.example",
      "ＣＯＲＰ。example。com, internal domain corp.example.com",
      "localhost, localhost", "db.localhost, localhost", "fileserver, single-label name",
      "printer.local, local-network suffix .local", "api.internal, local-network suffix .internal",
      "nas.lan, local-network suffix .lan", "router.home.arpa, local-network suffix .home.arpa"})
  @DisplayName("Internal domains by exact name and suffix, in any case, with a trailing dot, or in Unicode")
  void internalNames(String name, String rule) {
    assertSkipped(scope.of(indicators("domains", JSON.createArrayNode().add(name))).indicators(), rule);
  }

  @ParameterizedTest
  @CsvSource({"evil.example.net, evil.example.net", "notcorp.example.com, notcorp.example.com",
      "corp.example.com.evil.net, corp.example.com.evil.net", "Bücher.de., xn--bcher-kva.de",
      "home.arpa.example.org, home.arpa.example.org", "locallan.io, locallan.io"})
  @DisplayName("Look-alikes of internal names are public, and go in canonical form")
  void publicNames(String name, String query) {
    ScopedIndicator domain = only(scope.of(indicators("domains", JSON.createArrayNode().add(name))).indicators());
    assertTrue(domain.mayLookUp(), name);
    assertEquals(query, domain.query());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://10.0.0.5/admin | host: private address", "https://[::1]:8443/ | host: loopback address",
      "http://[::ffff:192.168.1.1]/ | host: private address", "HTTP://Intranet.Corp.Example.com:8080/x?y=1 | "
      + "host: internal domain corp.example.com", "https://wiki/ | host: single-label name",
"https://shop.bücher.example/ | host: internal domain "
      + "xn--bcher-kva.example", "ftp://files.lan/pub | host: local-network suffix .lan"})
  @DisplayName("A URL whose host is a private address or an internal name is skipped")
  void urlHostsInside(String url, String rule) {
    assertSkipped(urls(url), rule);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://evil.example.net/payload.exe | ", "https://8.8.8.8:443/x | ", "http://bücher.de/ | ",
      "hxxp://evil.example.net/ | not an http, https or ftp URL with a host",
      "mailto:a@example.net | not an http, https or ftp URL with a host",
      "http://user:secret@evil.example.net/ | carries a user name or password",
      "http://evil.example.net\\@10.0.0.1/ | not a well-formed URL",
      "http://0x7f.0.0.1/ | has a host that is neither an IP address nor a domain name",
      "http://2130706433/ | has a host that is neither an IP address nor a domain name",
      "http://evil.example.net:port/ | has a port that is not a number",
      "http://%31%30.0.0.1/ | has a host that is neither an IP address nor a domain name"})
  @DisplayName("A URL with a public host is looked up as given; one whose host is unclear is not looked up at all")
  void urlHostsOutsideOrUnclear(String url, String problem) {
    ScopedIndicator found = only(urls(url));
    if (problem == null) {
      assertTrue(found.mayLookUp(), url);
      assertEquals(url, found.query());
    } else {
      assertEquals(Disposition.UNUSABLE, found.disposition(), url);
      assertEquals(problem, found.reason());
    }
  }

  @Test
  @DisplayName("md5, sha1 and sha256 hex are looked up in lower case; other hashes are not, and say why")
  void hashes() {
    String md5 = "D41D8CD98F00B204E9800998ECF8427E";
    String sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    String sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    ArrayNode hashes = JSON.createArrayNode()
        .add(hash(md5, "md5")).add(hash(sha1, "sha1")).add(sha256)
        .add(hash("3:abc:def", "ssdeep")).add(hash("zz" + sha1.substring(2), "sha1")).add(hash(md5, "sha256"));
    List<ScopedIndicator> found = scope.of(indicators("hashes", hashes)).indicators();
    assertEquals(List.of(md5.toLowerCase(), sha1, sha256),
        found.stream().filter(ScopedIndicator::mayLookUp).map(ScopedIndicator::query).toList());
    List<String> reasons = found.stream().filter(h -> !h.mayLookUp()).map(ScopedIndicator::reason).toList();
    assertEquals(List.of(FileHashes.UNSUPPORTED, FileHashes.UNSUPPORTED, "said to be sha256 but has the length of md5"),
        reasons);
  }

  @Test
  @DisplayName("A hash whose declared type disagrees with its length is not looked up")
  void hashTypeMismatch() {
    ScopedIndicator found = only(scope.of(indicators("hashes", JSON.createArrayNode()
        .add(hash("da39a3ee5e6b4b0d3255bfef95601890afd80709", "md5")))).indicators());
    assertEquals(Disposition.UNUSABLE, found.disposition());
    assertEquals("said to be md5 but has the length of sha1", found.reason());
  }

  @Test
  @DisplayName("One indicator once per alert, however it is spelt; hosts and users are never looked up")
  void duplicatesAndOtherLists() throws Exception {
    JsonNode indicators = JSON.readTree("""
        {"ips": [{"value": "8.8.8.8", "role": "source"}, {"value": "8.8.8.8", "role": "destination"},
                 {"value": "::ffff:8.8.8.8"}, " 8.8.8.8 "],
         "domains": ["Example.NET", "example.net.", "ｅｘａｍｐｌｅ.net"],
         "urls": ["http://a.example.net/", "http://a.example.net/"],
         "hashes": [], "hosts": ["ws-001.example.net"], "users": ["alice@example.net"]}""");
    AlertScope found = scope.of(indicators);
    assertEquals(List.of("ip 8.8.8.8", "domain example.net", "url http://a.example.net/"),
        found.indicators().stream().map(i -> i.kind().wireName() + " " + i.query()).toList());
    assertFalse(found.truncated());
  }

  @Test
  @DisplayName("Hostile shapes: missing lists, wrong types, objects, control characters and huge values")
  void hostileShapes() throws Exception {
    String huge = "a".repeat(100_000) + ".example.net";
    ObjectNode indicators = (ObjectNode) JSON.readTree("""
        {"ips": [null, 7, {"value": ["8.8.8.8"]}, {"role": "source"}, "", "8.8.8.8\\u0000"],
         "domains": "example.net", "urls": [{"nested": {"deep": true}}], "hashes": {"value": "x"}}""");
    indicators.withArray("domains2");
    indicators.putArray("urls").add("http://evil.example.net/\u0000").add("http://" + huge + "/");
    AlertScope found = scope.of(indicators);
    assertTrue(found.toLookUp().isEmpty(), () -> found.toLookUp().toString());
    found.indicators().forEach(indicator -> {
      assertTrue(indicator.value().length() <= 260, indicator.kind() + " value not cut short");
      assertTrue(indicator.value().chars().noneMatch(Character::isISOControl), "control character kept");
    });
    assertTrue(scope.of(null).indicators().isEmpty());
    assertTrue(scope.of(JSON.readTree("[]")).indicators().isEmpty());
  }

  @Test
  @DisplayName("A huge alert yields at most 100 indicators a kind, reads at most 1,000 entries, and says so")
  void bounded() {
    ArrayNode ips = JSON.createArrayNode();
    for (int i = 0; i < 50_000; i++) {
      ips.add((i / 250 % 200 + 1) + "." + (i % 250) + ".1.1");
    }
    ArrayNode duplicates = JSON.createArrayNode();
    for (int i = 0; i < 5_000; i++) {
      duplicates.add("example.net");
    }
    ObjectNode indicators = indicators("ips", ips);
    indicators.set("domains", duplicates);
    AlertScope found = scope.of(indicators);
    assertEquals(LookupScope.MAX_PER_KIND, found.indicators().stream()
        .filter(i -> i.kind() == IndicatorKind.IP).count());
    assertEquals(1, found.indicators().stream().filter(i -> i.kind() == IndicatorKind.DOMAIN).count());
    assertEquals(Map.of(IndicatorKind.IP, 50_000 - LookupScope.MAX_PER_KIND,
        IndicatorKind.DOMAIN, 5_000 - LookupScope.MAX_EXAMINED), found.notExamined());
    assertTrue(found.truncated());
  }

  @Test
  @DisplayName("An internal domain that is no domain name is refused, naming it")
  void badInternalDomain() {
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> new LookupScope(List.of("corp..example")));
    assertEquals("'corp..example' is not a domain name", wrong.getMessage());
  }

  private List<ScopedIndicator> ips(String... values) {
    ArrayNode list = JSON.createArrayNode();
    for (String value : values) {
      list.addObject().put("value", value).put("role", "source");
    }
    return scope.of(indicators("ips", list)).indicators();
  }

  private List<ScopedIndicator> urls(String url) {
    return scope.of(indicators("urls", JSON.createArrayNode().add(url))).indicators();
  }

  private static ObjectNode hash(String value, String type) {
    return JSON.createObjectNode().put("value", value).put("type", type);
  }

  private static ObjectNode indicators(String field, ArrayNode values) {
    ObjectNode indicators = JSON.createObjectNode();
    for (String list : List.of("ips", "domains", "urls", "hashes", "hosts", "users")) {
      indicators.putArray(list);
    }
    indicators.set(field, values);
    return indicators;
  }

  private static void assertSkipped(List<ScopedIndicator> found, String rule) {
    ScopedIndicator indicator = only(found);
    assertEquals(Disposition.SKIPPED_PRIVATE, indicator.disposition(), indicator::toString);
    assertEquals(rule, indicator.reason());
  }

  private static ScopedIndicator only(List<ScopedIndicator> found) {
    assertEquals(1, found.size(), found::toString);
    return found.get(0);
  }
}
