package io.alertgate.enrich.provider;

import io.alertgate.support.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AbuseIPDB client against a fake AbuseIPDB answering as the real one does. */
class AbuseIpDbClientTest extends FakeProviderTest<AbuseIpDbClient> {

  private static final String KEY = "abuse-5ecret-key-fedcba9876543210fedcba9876543210fedcba98765432";
  private static final ProviderOptions OPTIONS = new ProviderOptions(Duration.ofMillis(3_000), 64 * 1024, 3,
      Duration.ofMinutes(1), Duration.ofMillis(300));

  @Override
  AbuseIpDbClient client(Vertx vertx, String baseUrl) {
    return new AbuseIpDbClient(vertx, baseUrl, KEY, OPTIONS, Clock.systemUTC());
  }

  @Test
  @DisplayName("A check: the address in the query over 90 days, Key and Accept headers, the report and the quota read")
  void check() throws Exception {
    fake.then(200, "abuseipdb-check.json", "X-RateLimit-Limit", "1000", "X-RateLimit-Remaining", "998",
        "X-RateLimit-Reset", "1717632000");

    Lookup lookup = lookup(Indicator.ip("203.0.113.77"));

    assertEquals(Outcome.FOUND, lookup.outcome());
    assertEquals(new AbuseIpDbFigures(100, 1284, "NL", "Example Hosting Ltd", "Data Center/Web Hosting/Transit",
        false, Instant.parse("2024-06-05T09:13:20Z")), lookup.figures());
    assertEquals(new RateLimit(1000, 998, Instant.ofEpochSecond(1717632000), null), lookup.rateLimit());
    assertTrue(lookup.rateLimit().resumeAt().isEmpty());
    FakeProvider.Received request = fake.received.get(0);
    assertEquals("/api/v2/check", request.path());
    assertEquals("ipAddress=203.0.113.77&maxAgeInDays=90", request.query());
    assertEquals(KEY, request.headers().get("Key"));
    assertEquals("application/json", request.headers().get("Accept"));
  }

  @Test
  @DisplayName("An IPv6 address goes encoded in the query; an unreported one has nulls where AbuseIPDB gives them")
  void cleanV6() throws Exception {
    fake.then(200, "abuseipdb-clean.json");

    Lookup lookup = lookup(Indicator.ip("2001:db8::5"));

    assertEquals(new AbuseIpDbFigures(0, 0, null, null, null, false, null), lookup.figures());
    assertEquals("ipAddress=2001%3Adb8%3A%3A5&maxAgeInDays=90", fake.received.get(0).query());
  }

  @Test
  @DisplayName("A 429 says until when: Retry-After from now, and the reset once nothing remains")
  void rateLimited() throws Exception {
    fake.then(429, "abuseipdb-rate-limited.json", "Retry-After", "3600", "X-RateLimit-Limit", "1000",
        "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1717632000");

    Instant before = Instant.now();
    Lookup lookup = lookup(Indicator.ip("203.0.113.77"));

    assertEquals(Outcome.RATE_LIMITED, lookup.outcome());
    assertTrue(lookup.detail().startsWith("AbuseIPDB answered 429: Daily rate limit of 1000 requests exceeded"));
    RateLimit limit = lookup.rateLimit();
    assertEquals(0, limit.remaining());
    assertEquals(Instant.ofEpochSecond(1717632000), limit.resetAt());
    Instant resume = limit.resumeAt().orElseThrow();
    assertFalse(resume.isBefore(before.plusSeconds(3600)));
    assertTrue(resume.isBefore(Instant.now().plusSeconds(3601)));
    // Without Retry-After, an exhausted quota resumes at its reset.
    assertEquals(Instant.ofEpochSecond(1717632000),
        new RateLimit(1000, 0, Instant.ofEpochSecond(1717632000), null).resumeAt().orElseThrow());
  }

  @Test
  @DisplayName("A 401 is a bad key, with AbuseIPDB's words; a 422 for an address it refuses is refused, not a failure")
  void refusals() throws Exception {
    fake.then(422, "abuseipdb-invalid-ip.json").then(401, "abuseipdb-bad-key.json");

    Lookup invalid = lookup(Indicator.ip("999.1.1.1"));
    Lookup badKey = lookup(Indicator.ip("203.0.113.77"));

    assertEquals(Outcome.REFUSED, invalid.outcome());
    assertEquals(Outcome.BAD_KEY, badKey.outcome());
    assertTrue(badKey.detail().startsWith("AbuseIPDB answered 401: Authentication failed."), badKey.detail());
    assertTrue(client.keyRefused());
  }

  @Test
  @DisplayName("AbuseIPDB is asked about addresses only: a domain is refused without a request")
  void addressesOnly() throws Exception {
    Lookup lookup = lookup(Indicator.domain("bad.example"));

    assertEquals(Outcome.REFUSED, lookup.outcome());
    assertTrue(fake.received.isEmpty());
  }

  @Test
  @DisplayName("The key is in no lookup, detail, JSON or log line, whatever the outcome, even when echoed")
  void keyNeverShown() throws Exception {
    VirusTotalClient virusTotal = new VirusTotalClient(vertx, fake.baseUrl(), VirusTotalClientTest.KEY, OPTIONS,
        Clock.systemUTC());
    List<Lookup> lookups = new ArrayList<>();
    try (LogCapture log = LogCapture.attach()) {
      fake.then(200, "abuseipdb-check.json").then(429, "abuseipdb-rate-limited.json", "Retry-After", "1")
          .then(500, "abuseipdb-rate-limited.json").thenBody(200, "not json")
          .thenBody(400, new JsonObject().put("errors", List.of(new JsonObject().put("detail", "bad key " + KEY)))
              .encode())
          .then(401, "abuseipdb-bad-key.json");
      for (int i = 0; i < 6; i++) {
        lookups.add(lookup(Indicator.ip("203.0.113.77")));
      }
      fake.then(200, "virustotal-url.json").then(404, "virustotal-not-found.json")
          .thenBody(403, "{\"error\":{\"code\":\"WrongCredentialsError\",\"message\":\"" + VirusTotalClientTest.KEY
              + "\"}}");
      for (String url : List.of("http://www.google.com/", "http://unknown.example/", "http://x.example/")) {
        lookups.add(await(virusTotal.lookup(Indicator.url(url), Instant.now().plusSeconds(5))));
      }

      assertEquals(List.of(Outcome.FOUND, Outcome.RATE_LIMITED, Outcome.UNAVAILABLE, Outcome.MALFORMED,
              Outcome.REFUSED, Outcome.BAD_KEY, Outcome.FOUND, Outcome.NOT_FOUND, Outcome.BAD_KEY),
          lookups.stream().map(Lookup::outcome).toList());
      String shown = lookups.stream().map(lookup -> lookup + " " + lookup.toJson()).reduce("", String::concat)
          + client + virusTotal + log.text();
      for (String key : List.of(KEY, VirusTotalClientTest.KEY)) {
        assertFalse(shown.contains(key));
        assertFalse(shown.contains(key.substring(0, 16)));
      }
      assertTrue(lookups.get(4).detail().contains("bad key [key]"));
    } finally {
      await(virusTotal.close());
    }
  }

  @Test
  @DisplayName("Figures written for the alert contract read back the same, as the cache will store them")
  void figuresRoundTrip() {
    AbuseIpDbFigures abuse = new AbuseIpDbFigures(87, 12, "DE", "Example ISP", "Fixed Line ISP", true,
        Instant.parse("2024-06-05T09:13:20Z"));
    VirusTotalFigures virusTotal = new VirusTotalFigures(4, 1, 60, 20, 0, null);

    assertEquals(abuse, Figures.fromJson("abuseipdb", abuse.toJson()));
    assertEquals(virusTotal, Figures.fromJson("virustotal", virusTotal.toJson()));
    assertEquals(87, abuse.toJson().getInteger("abuse_confidence_score"));
    assertEquals(true, abuse.toJson().getBoolean("is_tor"));
  }
}
