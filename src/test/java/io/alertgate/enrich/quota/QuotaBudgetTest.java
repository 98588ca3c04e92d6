package io.alertgate.enrich.quota;

import io.alertgate.support.ManualClock;
import io.alertgate.support.PooledVertx;
import io.alertgate.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Providers' lookup budgets on the real database, shared by instances and kept across restarts, and as the quota
 * watch shows them to metrics and health.
 */
class QuotaBudgetTest {

  private static final String VT = "virustotal";
  private static final String ABUSE = "abuseipdb";
  private static final Instant START = Instant.parse("2026-12-01T03:00:10Z");
  private static final Map<String, QuotaLimits> LIMITS = Map.of(VT, new QuotaLimits(4, 500),
      ABUSE, new QuotaLimits(100, 3));

  private final ManualClock clock = new ManualClock(START);
  private PooledVertx db;

  @BeforeEach
  void setUp() {
    TestDatabase.truncate();
    db = PooledVertx.open("enrich-quota", 8);
  }

  @AfterEach
  void tearDown() throws Exception {
    db.close();
  }

  @Test
  @DisplayName("Four lookups a minute: the fifth is refused until the next minute, which grants again")
  void perMinute() throws Exception {
    QuotaBudget budget = budget();
    for (int i = 0; i < 4; i++) {
      assertTrue(await(budget.tryTake(VT)).granted());
    }

    Grant fifth = await(budget.tryTake(VT));

    assertEquals(new Grant(false, Grant.Refusal.MINUTE_BUDGET, Instant.parse("2026-12-01T03:01:00Z")), fifth);
    assertEquals(new QuotaLeft(0, 496, null, null), await(budget.remaining(VT)));
    clock.advance(Duration.ofSeconds(49));
    assertFalse(await(budget.tryTake(VT)).granted());
    clock.advance(Duration.ofSeconds(1));
    assertTrue(await(budget.tryTake(VT)).granted());
    assertEquals(new QuotaLeft(3, 495, null, null), await(budget.remaining(VT)));
  }

  @Test
  @DisplayName("Three lookups a day: the fourth is refused till midnight UTC, after a restart too; the next day grants")
  void perDay() throws Exception {
    QuotaBudget budget = budget();
    for (int i = 0; i < 3; i++) {
      assertTrue(await(budget.tryTake(ABUSE)).granted());
    }
    Grant refused = new Grant(false, Grant.Refusal.DAY_BUDGET, Instant.parse("2026-12-02T00:00:00Z"));

    assertEquals(refused, await(budget.tryTake(ABUSE)));
    clock.advance(Duration.ofHours(5));
    assertEquals(refused, await(budget().tryTake(ABUSE)));
    assertEquals(new QuotaLeft(100, 0, null, null), await(budget().remaining(ABUSE)));
    clock.set(Instant.parse("2026-12-02T00:00:00Z"));
    assertTrue(await(budget.tryTake(ABUSE)).granted());
    assertTrue(await(budget.tryTake(VT)).granted());
  }

  @Test
  @DisplayName("Two instances share one budget: of 20 lookups asked at once through both, exactly 4 are granted")
  void sharedBetweenInstances() throws Exception {
    QuotaBudget one = budget();
    QuotaBudget other = budget();
    assertTrue(await(one.tryTake(VT)).granted());
    assertTrue(await(other.tryTake(VT)).granted());

    List<Future<Grant>> asked = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      asked.add(one.tryTake(VT));
      asked.add(other.tryTake(VT));
    }
    await(Future.all(asked));

    assertEquals(2, asked.stream().filter(grant -> grant.result().granted()).count());
    assertEquals(4, TestDatabase.count("SELECT minute_used FROM enrichment_quota WHERE provider = 'virustotal'"));
  }

  @Test
  @DisplayName("A provider's pause refuses every instance until it ends; a shorter pause does not shorten it")
  void pause() throws Exception {
    QuotaBudget one = budget();
    QuotaBudget other = budget();
    Instant until = START.plusSeconds(30);
    await(one.pauseUntil(VT, until, "429 Retry-After: 30"));
    await(other.pauseUntil(VT, START.plusSeconds(5), "429 Retry-After: 5"));

    assertEquals(new Grant(false, Grant.Refusal.PAUSED, until), await(one.tryTake(VT)));
    assertEquals(new Grant(false, Grant.Refusal.PAUSED, until), await(other.tryTake(VT)));
    assertEquals(new QuotaLeft(4, 500, until, "429 Retry-After: 30"), await(other.remaining(VT)));
    assertTrue(await(one.tryTake(ABUSE)).granted());

    clock.advance(Duration.ofSeconds(30));
    assertTrue(await(one.tryTake(VT)).granted());
    assertTrue(await(other.tryTake(VT)).granted());
    assertFalse(await(other.remaining(VT)).paused());
  }

  @Test
  @DisplayName("A daily quota the provider said was spent is still in force for a new instance, as after a restart")
  void dailyExhaustionSurvivesRestart() throws Exception {
    Instant reset = Instant.parse("2026-12-02T00:00:00Z");
    await(budget().pauseUntil(ABUSE, reset, "429 X-RateLimit-Remaining: 0"));

    QuotaBudget restarted = budget();
    clock.advance(Duration.ofHours(2));

    assertEquals(new Grant(false, Grant.Refusal.PAUSED, reset), await(restarted.tryTake(ABUSE)));
    assertTrue(await(restarted.remaining(ABUSE)).paused());
    clock.set(reset);
    assertTrue(await(budget().tryTake(ABUSE)).granted());
  }

  @Test
  @DisplayName("A provider without limits has no budget of its own but obeys its pauses")
  void unlimited() throws Exception {
    QuotaBudget budget = budget();
    for (int i = 0; i < 10; i++) {
      assertTrue(await(budget.tryTake("other")).granted());
    }
    await(budget.pauseUntil("other", START.plusSeconds(1), "429"));
    assertEquals(Grant.Refusal.PAUSED, await(budget.tryTake("other")).refusal());
  }

  @Test
  @DisplayName("The watch exports what is left by window, none for a window without a budget, and the provider's"
      + " pause while it lasts; unknown before the first reading")
  void watched() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Map<String, QuotaLimits> limits = Map.of(VT, new QuotaLimits(4, 500), ABUSE, new QuotaLimits(Integer.MAX_VALUE,
        3));
    QuotaBudget budget = new QuotaBudget(db.pool, clock, limits);
    QuotaWatch watch = new QuotaWatch(budget, limits, registry, clock);
    assertTrue(Double.isNaN(remaining(registry, VT, "day")), "nothing read yet");
    assertTrue(await(budget.tryTake(VT)).granted());
    assertTrue(await(budget.tryTake(ABUSE)).granted());

    await(watch.refresh());

    assertEquals(3, remaining(registry, VT, "minute"));
    assertEquals(499, remaining(registry, VT, "day"));
    assertEquals(2, remaining(registry, ABUSE, "day"));
    assertNull(registry.find("alertgate.enrichment.quota.remaining").tag("provider", ABUSE).tag("window", "minute")
        .gauge(), "no budget by the minute, no gauge");
    assertEquals(0, paused(registry, VT));
    Instant until = START.plusSeconds(30);
    await(budget.pauseUntil(VT, until, "VirusTotal answered 429: QuotaExceededError"));
    await(watch.refresh());
    assertEquals(1, paused(registry, VT));
    assertEquals(0, paused(registry, ABUSE));
    assertEquals(new QuotaLeft(3, 499, until, "VirusTotal answered 429: QuotaExceededError"),
        watch.pause(VT).orElseThrow());
    clock.advance(Duration.ofSeconds(30));
    assertEquals(0, paused(registry, VT), "over, though not read again since");
    assertTrue(watch.pause(VT).isEmpty());
  }

  private static double remaining(SimpleMeterRegistry registry, String provider, String window) {
    return registry.get("alertgate.enrichment.quota.remaining").tag("provider", provider).tag("window", window)
        .gauge().value();
  }

  private static double paused(SimpleMeterRegistry registry, String provider) {
    return registry.get("alertgate.enrichment.quota.paused").tag("provider", provider).gauge().value();
  }

  private QuotaBudget budget() {
    return new QuotaBudget(db.pool, clock, LIMITS);
  }
}
