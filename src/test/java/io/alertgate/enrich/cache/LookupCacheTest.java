package io.alertgate.enrich.cache;

import io.alertgate.support.ManualClock;
import io.alertgate.support.PooledVertx;
import io.alertgate.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The lookup cache on the real database: its memory front, its table, expiry and the memory bound. */
class LookupCacheTest {

  private static final LookupKey IP = new LookupKey("abuseipdb", "ip", "203.0.113.7");
  private static final LookupKey DOMAIN = new LookupKey("virustotal", "domain", "example.com");
  private static final JsonObject FIGURES = new JsonObject().put("abuse_confidence_score", 87).put("is_tor", false);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T03:00:10Z"));
  private PooledVertx db;

  @BeforeEach
  void setUp() {
    TestDatabase.truncate();
    db = PooledVertx.open("enrich-cache", 4);
  }

  @AfterEach
  void tearDown() throws Exception {
    db.close();
  }

  @Test
  @DisplayName("An answer put is found in memory, even once the table has lost it")
  void hitFromMemory() throws Exception {
    LookupCache cache = cache(100);
    await(cache.put(IP, "ok", FIGURES, Duration.ofDays(1)));
    TestDatabase.execute("DELETE FROM enrichment_cache");

    CachedResult hit = await(cache.get(IP));

    assertEquals(new CachedResult("ok", FIGURES, clock.instant(), clock.instant().plus(Duration.ofDays(1))), hit);
  }

  @Test
  @DisplayName("An answer put by one instance is read from the table by another, which had nothing in memory")
  void hitFromTable() throws Exception {
    await(cache(100).put(IP, "ok", FIGURES, Duration.ofDays(1)));
    await(cache(100).put(DOMAIN, "not_found", new JsonObject(), Duration.ofHours(1)));
    LookupCache restarted = cache(100);
    LookupKey never = new LookupKey("virustotal", "ip", "198.51.100.1");

    Map<LookupKey, CachedResult> hits = await(restarted.getAll(List.of(IP, DOMAIN, never, IP)));

    assertEquals(Map.of(IP, "ok", DOMAIN, "not_found"), outcomes(hits));
    assertEquals(FIGURES, hits.get(IP).result());
    assertEquals(2, restarted.memorySize());
    TestDatabase.execute("DELETE FROM enrichment_cache");
    assertEquals(Map.of(IP, "ok", DOMAIN, "not_found"), outcomes(await(restarted.getAll(List.of(IP, DOMAIN)))));
  }

  @Test
  @DisplayName("An expired answer is found neither in memory nor in the table, and is purged")
  void expiry() throws Exception {
    LookupCache cache = cache(100);
    await(cache.put(IP, "ok", FIGURES, Duration.ofMinutes(1)));
    await(cache.put(DOMAIN, "ok", FIGURES, Duration.ofHours(1)));
    clock.advance(Duration.ofSeconds(59));
    assertEquals(Map.of(IP, "ok", DOMAIN, "ok"), outcomes(await(cache(100).getAll(List.of(IP, DOMAIN)))));

    clock.advance(Duration.ofSeconds(1));

    assertNull(await(cache.get(IP)));
    assertNull(await(cache(100).get(IP)));
    assertEquals(1, await(cache.purgeExpired(1000)));
    assertEquals(1, TestDatabase.count("SELECT count(*) FROM enrichment_cache"));
    assertEquals("ok", await(cache.get(DOMAIN)).outcome());
  }

  @Test
  @DisplayName("Purging in batches goes on while a batch comes back full: every expired answer goes, no live one")
  void purgeInBatches() throws Exception {
    LookupCache cache = cache(100);
    for (String host : List.of("a", "b", "c", "d", "e")) {
      await(cache.put(key(host), "ok", FIGURES, Duration.ofMinutes(1)));
    }
    await(cache.put(DOMAIN, "ok", FIGURES, Duration.ofHours(1)));
    clock.advance(Duration.ofMinutes(1));

    assertEquals(5, await(cache.purgeAllExpired(2)));

    assertEquals(1, TestDatabase.count("SELECT count(*) FROM enrichment_cache"));
    assertEquals(0, await(cache.purgeAllExpired(2)));
    assertEquals("ok", await(cache(100).get(DOMAIN)).outcome());
  }

  @Test
  @DisplayName("The memory front keeps at most its bound, dropping the least recently used")
  void memoryBound() throws Exception {
    LookupCache cache = cache(3);
    List<LookupKey> keys = List.of(key("a"), key("b"), key("c"), key("d"));
    for (LookupKey key : keys.subList(0, 3)) {
      await(cache.put(key, "ok", FIGURES, Duration.ofDays(1)));
    }
    await(cache.get(key("a")));
    await(cache.put(key("d"), "ok", FIGURES, Duration.ofDays(1)));
    TestDatabase.execute("DELETE FROM enrichment_cache");

    Map<LookupKey, CachedResult> inMemory = await(cache.getAll(keys));

    assertEquals(3, cache.memorySize());
    assertEquals(Map.of(key("a"), "ok", key("c"), "ok", key("d"), "ok"), outcomes(inMemory));
  }

  @Test
  @DisplayName("A second answer for a key replaces the first; an older one does not; a zero time to live keeps none")
  void upsert() throws Exception {
    LookupCache cache = cache(100);
    await(cache.put(IP, "not_found", new JsonObject(), Duration.ofHours(1)));
    clock.advance(Duration.ofMinutes(5));
    await(cache.put(IP, "ok", FIGURES, Duration.ofDays(1)));
    ManualClock behind = new ManualClock(clock.instant().minus(Duration.ofMinutes(1)));
    await(new LookupCache(db.pool, behind, 100).put(IP, "error", new JsonObject(), Duration.ofMinutes(5)));
    await(cache.put(DOMAIN, "bad_key", new JsonObject(), Duration.ZERO));

    assertEquals(1, TestDatabase.count("SELECT count(*) FROM enrichment_cache"));
    CachedResult kept = await(cache(100).get(IP));
    assertEquals("ok", kept.outcome());
    assertEquals(FIGURES, kept.result());
    assertEquals(clock.instant().plus(Duration.ofDays(1)), kept.expiresAt());
    assertNull(await(cache.get(DOMAIN)));
  }

  @Test
  @DisplayName("Times to live by provider and outcome: defaults, a provider's own, nothing for a bad key or a limit")
  void policies() {
    CachePolicy quick = new CachePolicy(Duration.ofHours(6), Duration.ofMinutes(10), Duration.ZERO);
    CachePolicies policies = new CachePolicies(Map.of("virustotal", quick));

    assertEquals(Duration.ofHours(6), policies.ttl("virustotal", "ok"));
    assertEquals(Duration.ofMinutes(10), policies.ttl("virustotal", "not_found"));
    assertEquals(Duration.ZERO, policies.ttl("virustotal", "error"));
    assertEquals(Duration.ofDays(1), policies.ttl("abuseipdb", "found"));
    assertEquals(Duration.ofHours(1), policies.ttl("abuseipdb", "not_found"));
    assertEquals(Duration.ofMinutes(5), policies.ttl("abuseipdb", "error"));
    assertEquals(Duration.ZERO, policies.ttl("abuseipdb", "bad_key"));
    assertEquals(Duration.ZERO, policies.ttl("abuseipdb", "quota"));
  }

  private LookupCache cache(int memoryEntries) {
    return new LookupCache(db.pool, clock, memoryEntries);
  }

  private static LookupKey key(String host) {
    return new LookupKey("virustotal", "domain", host + ".example.org");
  }

  private static Map<LookupKey, String> outcomes(Map<LookupKey, CachedResult> hits) {
    Map<LookupKey, String> outcomes = new java.util.HashMap<>();
    hits.forEach((key, hit) -> outcomes.put(key, hit.outcome()));
    return outcomes;
  }
}
