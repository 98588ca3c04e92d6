package io.alertgate.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IndicatorValuesTest {

  @ParameterizedTest
  @CsvSource({
      "10.0.0.1, 10.0.0.1",
      "' 203.0.113.7 ', 203.0.113.7",
      "2001:DB8:0:0:0:0:2:1, 2001:db8::2:1",
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
      "0:0:0:0:0:0:0:1, ::1",
      "::, ::",
      "[fe80::1], fe80::1",
      "::ffff:192.0.2.128, ::ffff:c000:280",
      "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
      "2001:db8:1:1:1:1:0:1, 2001:db8:1:1:1:1:0:1"
  })
  @DisplayName("IPs come out canonical: dotted quads as they are, IPv6 in RFC 5952 form")
  void canonicalIps(String raw, String canonical) {
    assertEquals(Optional.of(canonical), IndicatorValues.ip(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "localhost", "", "xxx.xxx.x.x",
      "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1", "gggg::1", "::ffff:999.1.1.1", "not an ip", "1.2.3.4/24"})
  @DisplayName("Anything that is not an IP is refused")
  void garbageIps(String raw) {
    assertEquals(Optional.empty(), IndicatorValues.ip(raw));
  }

  @Test
  @DisplayName("The hand-written IPv4 and hex checks accept exactly what the strict patterns do, on 50,000 random strings")
  void handWrittenChecksMatchThePatterns() {
    java.util.regex.Pattern octet = java.util.regex.Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    java.util.regex.Pattern ipv4 = java.util.regex.Pattern.compile(octet + "(\\." + octet + "){3}");
    java.util.regex.Pattern hex = java.util.regex.Pattern.compile("[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");
    java.util.Random random = new java.util.Random(7);
    String quadChars = "0123456789.....25x";
    String hexChars = "0123456789abcdefABCDEFgG ";
    for (int i = 0; i < 50_000; i++) {
      StringBuilder quad = new StringBuilder();
      for (int n = random.nextInt(17); n > 0; n--) {
        quad.append(quadChars.charAt(random.nextInt(quadChars.length())));
      }
      String candidate = quad.toString().trim();
      assertEquals(ipv4.matcher(candidate).matches(), IndicatorValues.ip(candidate).isPresent(), candidate);
      StringBuilder digest = new StringBuilder();
      int length = new int[] {31, 32, 40, 64, 65}[random.nextInt(5)];
      for (int n = 0; n < length; n++) {
        digest.append(hexChars.charAt(random.nextInt(random.nextInt(10) == 0 ? hexChars.length() : 22)));
      }
      assertEquals(hex.matcher(digest).matches(), IndicatorValues.hashType(digest.toString()).isPresent(), digest.toString());
    }
  }

  @Test
  @DisplayName("Hash type is told by length and alphabet")
  void hashes() {
    assertEquals(Optional.of(IndicatorValues.HashType.MD5), IndicatorValues.hashType("e4f07602f507975e9f7ba47c4ae0c417"));
    assertEquals(Optional.of(IndicatorValues.HashType.SHA1), IndicatorValues.hashType("a".repeat(40)));
    assertEquals(Optional.of(IndicatorValues.HashType.SHA256), IndicatorValues.hashType("9E3B".repeat(16)));
    assertEquals(Optional.empty(), IndicatorValues.hashType("z".repeat(32)));
    assertEquals(Optional.empty(), IndicatorValues.hashType("a".repeat(33)));
    assertEquals(Optional.empty(), IndicatorValues.hashType(""));
  }

  @Test
  @DisplayName("Domains are lower-cased without a trailing dot; IPs, single labels and junk are refused")
  void domains() {
    assertEquals(Optional.of("evil.example.com"), IndicatorValues.domain("Evil.Example.COM."));
    assertEquals(Optional.of("xn--bcher-kva.example"), IndicatorValues.domain("xn--bcher-kva.example"));
    for (String junk : new String[] {"localhost", "10.0.0.1", "a..b.com", "-bad.com", "exa mple.com", "foo.123",
        "x".repeat(64) + ".com", ""}) {
      assertEquals(Optional.empty(), IndicatorValues.domain(junk), junk);
    }
  }

  @Test
  @DisplayName("URLs must be absolute web URLs with a host; adding one also adds its host")
  void urls() {
    assertEquals(Optional.of("https://evil.example.com/a?b=1"), IndicatorValues.url(" https://evil.example.com/a?b=1 "));
    assertEquals(Optional.empty(), IndicatorValues.url("javascript:alert(1)"));
    assertEquals(Optional.empty(), IndicatorValues.url("/relative/path"));
    assertEquals(Optional.empty(), IndicatorValues.url("http://"));
    assertEquals(Optional.empty(), IndicatorValues.url("http://exa mple.com/"));
    JsonNode json = new Indicators().url("http://Evil.Example.com/x").url("http://198.51.100.9:8080/y").toJson();
    assertEquals("evil.example.com", json.get("domains").get(0).asText());
    assertEquals("198.51.100.9", json.get("ips").get(0).get("value").asText());
  }

  @Test
  @DisplayName("Hosts and users: control characters, placeholders and IPs are kept out")
  void hostsAndUsers() {
    assertEquals(Optional.of("ws-01.corp.example"), IndicatorValues.host("WS-01.corp.example"));
    assertEquals(Optional.empty(), IndicatorValues.host("10.1.2.3"));
    assertEquals(Optional.empty(), IndicatorValues.host("has space"));
    assertEquals(Optional.of("CORP\\j.doe"), IndicatorValues.user(" CORP\\j.doe "));
    assertEquals(Optional.empty(), IndicatorValues.user("-"));
    assertEquals(Optional.empty(), IndicatorValues.user("a\u0000b"));
    assertEquals(Optional.empty(), IndicatorValues.user(""));
  }

  @Test
  @DisplayName("The collector de-duplicates and keeps the first role of an IP")
  void collector() {
    JsonNode json = new Indicators()
        .ip("10.0.0.1", Indicators.IpRole.SOURCE).ip("10.0.0.1", Indicators.IpRole.HOST)
        .host("10.0.0.2").hash("E4F07602F507975E9F7BA47C4AE0C417").hash("e4f07602f507975e9f7ba47c4ae0c417")
        .user("root").user("root").domain("A.example.com").domain("a.example.com").toJson();
    assertEquals("[{\"value\":\"10.0.0.1\",\"role\":\"source\"},{\"value\":\"10.0.0.2\",\"role\":\"host\"}]",
        json.get("ips").toString());
    assertEquals("[{\"value\":\"e4f07602f507975e9f7ba47c4ae0c417\",\"type\":\"md5\"}]", json.get("hashes").toString());
    assertEquals(1, json.get("users").size());
    assertEquals(1, json.get("domains").size());
  }
}
