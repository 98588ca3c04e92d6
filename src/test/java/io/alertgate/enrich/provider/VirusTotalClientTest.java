package io.alertgate.enrich.provider;

import io.alertgate.support.LogCapture;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VirusTotal client against a fake VirusTotal answering as the real one does. */
class VirusTotalClientTest extends FakeProviderTest<VirusTotalClient> {

  static final String KEY = "vt-5ecret-key-0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final ProviderOptions OPTIONS = new ProviderOptions(Duration.ofMillis(1_000), 64 * 1024, 2,
      Duration.ofMinutes(1), Duration.ofMillis(300));

  @Override
  VirusTotalClient client(Vertx vertx, String baseUrl) {
    return new VirusTotalClient(vertx, baseUrl, KEY, OPTIONS, Clock.systemUTC());
  }

  @BeforeEach
  void warmUp() throws Exception {
    // The first lookup loads classes and opens a connection, which on a busy machine can take longer than the
    // timeouts the tests measure.
    fake.then(200, "virustotal-ip.json");
    lookup(Indicator.ip("198.51.100.1"));
    fake.received.clear();
  }

  @Test
  @DisplayName("A known address: its object is asked for with the key in x-apikey, and its last analysis read")
  void foundAddress() throws Exception {
    fake.then(200, "virustotal-ip.json");

    Lookup lookup = lookup(Indicator.ip("203.0.113.77"));

    assertEquals(Outcome.FOUND, lookup.outcome());
    assertEquals(new VirusTotalFigures(7, 2, 58, 24, 1, -27), lookup.figures());
    assertEquals("virustotal", lookup.provider());
    assertNull(lookup.detail());
    FakeProvider.Received request = fake.received.get(0);
    assertEquals("/api/v3/ip_addresses/203.0.113.77", request.path());
    assertEquals(KEY, request.headers().get("x-apikey"));
  }

  @Test
  @DisplayName("Each kind of indicator is asked for at its own path; a URL by its unpadded base64url id")
  void eachKindAtItsPath() throws Exception {
    fake.then(200, "virustotal-domain.json").then(200, "virustotal-file.json").then(200, "virustotal-url.json")
        .then(200, "virustotal-ip.json");

    Lookup domain = lookup(Indicator.domain("bad.example"));
    Lookup file = lookup(Indicator.hash("275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F"));
    Lookup url = lookup(Indicator.url("http://www.google.com/"));
    Lookup v6 = lookup(Indicator.ip("2001:db8::5"));

    assertEquals(new VirusTotalFigures(3, 0, 60, 28, 0, 0), domain.figures());
    assertEquals(new VirusTotalFigures(62, 0, 0, 5, 0, 3516), file.figures());
    assertEquals(new VirusTotalFigures(0, 0, 70, 20, 0, 1), url.figures());
    assertEquals(Outcome.FOUND, v6.outcome());
    assertEquals("/api/v3/domains/bad.example", fake.received.get(0).path());
    assertEquals("/api/v3/files/275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
        fake.received.get(1).path());
    assertEquals("/api/v3/urls/aHR0cDovL3d3dy5nb29nbGUuY29tLw", fake.received.get(2).path());
    assertEquals("/api/v3/ip_addresses/2001:db8::5", fake.received.get(3).path());
  }

  @Test
  @DisplayName("URL ids are unpadded URL-safe base64, and a domain cannot reach another path than its own")
  void idsAndSegments() {
    assertEquals("aHR0cDovL3d3dy5nb29nbGUuY29tLw", VirusTotalClient.urlId("http://www.google.com/"));
    // '?' and '>' make '/' and '+' in plain base64; the URL-safe alphabet has '_' and '-'.
    assertEquals("aHR0cHM6Ly9leGFtcGxlLm9yZy8_Pz4-", VirusTotalClient.urlId("https://example.org/??>>"));
    assertEquals("domains/evil.example%2F..%2Ffiles%3Fx%23y",
        VirusTotalClient.path(Indicator.domain("evil.example/../files?x#y")));
    assertEquals("domains/%2E%2E", VirusTotalClient.path(Indicator.domain("..")));
  }

  @Test
  @DisplayName("NotFoundError is not found; a bare 404 from something else is not taken for VirusTotal's verdict")
  void notFound() throws Exception {
    fake.then(404, "virustotal-not-found.json").thenBody(404, "<html>Not Found</html>");

    Lookup unknown = lookup(Indicator.domain("never-seen.example"));
    Lookup stray = lookup(Indicator.domain("never-seen.example"));

    assertEquals(Outcome.NOT_FOUND, unknown.outcome());
    assertEquals("VirusTotal answered 404: NotFoundError", unknown.detail());
    assertEquals(Outcome.MALFORMED, stray.outcome());
  }

  @Test
  @DisplayName("QuotaExceededError is rate limited and does not count against the breaker")
  void quotaExceeded() throws Exception {
    for (int i = 0; i < 3; i++) {
      fake.then(429, "virustotal-quota-exceeded.json", "Retry-After", "60");
    }

    for (int i = 0; i < 3; i++) {
      Lookup lookup = lookup(Indicator.ip("203.0.113.77"));
      assertEquals(Outcome.RATE_LIMITED, lookup.outcome());
      assertEquals("VirusTotal answered 429: QuotaExceededError", lookup.detail());
      assertTrue(lookup.rateLimit().resumeAt().orElseThrow().isAfter(Instant.now().plusSeconds(50)));
    }
    assertEquals(CircuitBreakerState.CLOSED, client.breakerState());
  }

  @Test
  @DisplayName("A refused key is bad key, said once in a WARN naming VirusTotal, and never asked again")
  void badKey() throws Exception {
    fake.then(401, "virustotal-wrong-credentials.json");
    try (LogCapture log = LogCapture.attach()) {
      Lookup first = lookup(Indicator.ip("203.0.113.77"));
      Lookup second = lookup(Indicator.domain("bad.example"));

      assertEquals(Outcome.BAD_KEY, first.outcome());
      assertEquals("VirusTotal answered 401: WrongCredentialsError", first.detail());
      assertEquals(Outcome.BAD_KEY, second.outcome());
      assertTrue(client.keyRefused());
      assertEquals(1, fake.received.size());
      long warnings = log.text().lines().filter(line -> line.contains("VirusTotal refused the API key")).count();
      assertEquals(1, warnings);
      assertFalse(log.text().contains(KEY));
    }
  }

  @Test
  @DisplayName("A 5xx, a silence past the timeout and a refused connection are unavailable, within the time given")
  void unavailable() throws Exception {
    fake.then(503, "virustotal-transient.json").thenSilence();

    assertEquals(Outcome.UNAVAILABLE, lookup(Indicator.ip("203.0.113.77")).outcome());
    long started = System.nanoTime();
    Lookup silent = lookup(Indicator.ip("203.0.113.77"));
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertEquals(Outcome.UNAVAILABLE, silent.outcome());
    assertTrue(tookMs >= 900 && tookMs < 3_000, "took " + tookMs + " ms");

    VirusTotalClient nowhere = new VirusTotalClient(vertx, "http://127.0.0.1:1", KEY, OPTIONS, Clock.systemUTC());
    Lookup refused = await(nowhere.lookup(Indicator.ip("203.0.113.77"), Instant.now().plusSeconds(5)));
    assertEquals(Outcome.UNAVAILABLE, refused.outcome());
    await(nowhere.close());
  }

  @Test
  @DisplayName("The caller's deadline shortens the wait; a deadline already past asks nothing")
  void deadline() throws Exception {
    fake.thenSilence();

    long started = System.nanoTime();
    Lookup lookup = await(client.lookup(Indicator.ip("203.0.113.77"), Instant.now().plusMillis(100)));
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    Lookup past = await(client.lookup(Indicator.ip("203.0.113.77"), Instant.now().minusMillis(1)));

    assertEquals(Outcome.UNAVAILABLE, lookup.outcome());
    assertTrue(tookMs < 900, "took " + tookMs + " ms");
    assertEquals(Outcome.UNAVAILABLE, past.outcome());
    assertEquals(1, fake.received.size());
  }

  @Test
  @DisplayName("A 200 that is not JSON, or lacks the analysis stats, is malformed, not clean")
  void malformed() throws Exception {
    fake.thenBody(200, "{\"data\": {\"attributes\": ").thenBody(200, "{\"data\":{\"attributes\":{}}}")
        .thenBody(200, "{\"data\":{\"attributes\":{\"last_analysis_stats\":{\"malicious\":\"many\","
            + "\"suspicious\":0,\"harmless\":0,\"undetected\":0}}}}");

    for (int i = 0; i < 3; i++) {
      Lookup lookup = lookup(Indicator.ip("203.0.113.77"));
      assertEquals(Outcome.MALFORMED, lookup.outcome(), lookup.detail());
    }
  }

  @Test
  @DisplayName("A body past the limit is malformed at once, without being read to its end")
  void hugeBody() throws Exception {
    fake.thenHuge(50 * 1024 * 1024);

    long started = System.nanoTime();
    Lookup lookup = lookup(Indicator.ip("203.0.113.77"));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertEquals(Outcome.MALFORMED, lookup.outcome());
    assertEquals("VirusTotal answered more than 65536 bytes", lookup.detail());
    assertTrue(tookMs < 900, "took " + tookMs + " ms");
  }

  @Test
  @DisplayName("Unavailable answers open the breaker: lookups then answer at once, until a probe finds it back")
  void breakerOpensAndRecovers() throws Exception {
    fake.then(500, "virustotal-transient.json").then(502, "virustotal-transient.json");

    lookup(Indicator.ip("203.0.113.77"));
    lookup(Indicator.ip("203.0.113.77"));
    assertEquals(CircuitBreakerState.OPEN, client.breakerState());
    Lookup held = lookup(Indicator.ip("203.0.113.77"));
    assertEquals(Outcome.UNAVAILABLE, held.outcome());
    assertEquals("VirusTotal's breaker is open", held.detail());
    assertEquals(2, fake.received.size());

    Thread.sleep(400);
    fake.then(200, "virustotal-ip.json");
    assertEquals(Outcome.FOUND, lookup(Indicator.ip("203.0.113.77")).outcome());
    assertEquals(CircuitBreakerState.CLOSED, client.breakerState());
    assertEquals(3, fake.received.size());
  }
}
