package io.alertgate.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code enrichment} section: providers, budgets, cache lifetimes, internal domains and verdict thresholds. */
class EnrichmentSettingsTest {

  private static final String VT_KEY = "vt-key-0123456789abcdef";
  private static final String ABUSE_KEY = "abuse-key-fedcba9876543210";

  @Test
  @DisplayName("With nothing set both providers are off, with the free tiers' budgets and the documented defaults")
  void defaults() {
    EnrichmentSettings enrichment = parse(new JsonObject(), Map.of());
    assertFalse(enrichment.enabled());
    EnrichmentSettings.Provider virusTotal = enrichment.virusTotal();
    assertEquals(new EnrichmentSettings.Provider(Optional.empty(), "https://www.virustotal.com", 4, 500,
        Duration.ofSeconds(10), Duration.ofHours(24), Duration.ofHours(4)), virusTotal);
    assertEquals(new EnrichmentSettings.Provider(Optional.empty(), "https://api.abuseipdb.com", 0, 1_000,
        Duration.ofSeconds(10), Duration.ofHours(24), Duration.ofHours(4)), enrichment.abuseIpDb());
    assertEquals(Duration.ofMillis(2_000), enrichment.timeBudget());
    assertEquals(List.of(), enrichment.internalDomains());
    assertEquals(VerdictThresholds.DEFAULTS, enrichment.thresholds());
  }

  @Test
  @DisplayName("Keys and addresses come from the environment; a provider with a key is on")
  void environmentOverrides() {
    EnrichmentSettings enrichment = parse(new JsonObject(), Map.of(
        "VIRUSTOTAL_API_KEY", VT_KEY, "VIRUSTOTAL_BASE_URL", "http://127.0.0.1:8123/",
        "ABUSEIPDB_BASE_URL", "https://abuse.example:8443",
        "ALERTGATE_ENRICH_INTERNAL_DOMAINS", "corp.example.com, *.AD.example ,.lab.example"));
    assertTrue(enrichment.enabled());
    assertTrue(enrichment.virusTotal().enabled());
    assertFalse(enrichment.abuseIpDb().enabled());
    assertEquals(VT_KEY, enrichment.virusTotal().apiKey().orElseThrow().value());
    assertEquals("http://127.0.0.1:8123", enrichment.virusTotal().baseUrl());
    assertEquals("https://abuse.example:8443", enrichment.abuseIpDb().baseUrl());
    assertEquals(List.of("corp.example.com", "ad.example", "lab.example"), enrichment.internalDomains());
  }

  @Test
  @DisplayName("Budgets, timeouts, cache lifetimes and thresholds are read from the YAML")
  void yamlSettings() {
    JsonObject yaml = new JsonObject().put("enrichment", new JsonObject()
        .put("time_budget_ms", 500)
        .put("internal_domains", new JsonArray().add("bücher.example"))
        .put("virustotal", new JsonObject().put("api_key", VT_KEY).put("per_minute", 1000).put("per_day", 300000)
            .put("timeout_seconds", 3).put("cache_found_minutes", 60).put("cache_not_found_minutes", 0)
            .put("malicious_at", 5).put("suspicious_at", 2).put("suspicious_malicious_at", 2))
        .put("abuseipdb", new JsonObject().put("api_key", ABUSE_KEY).put("per_minute", "30")
            .put("malicious_score", 90).put("suspicious_score", 50)));
    EnrichmentSettings enrichment = parse(yaml, Map.of());
    assertEquals(Duration.ofMillis(500), enrichment.timeBudget());
    assertEquals(List.of("bücher.example"), enrichment.internalDomains());
    assertEquals(new EnrichmentSettings.Provider(Optional.of(new SecretValue(VT_KEY)), "https://www.virustotal.com",
        1000, 300_000, Duration.ofSeconds(3), Duration.ofMinutes(60), Duration.ZERO), enrichment.virusTotal());
    assertEquals(30, enrichment.abuseIpDb().perMinute());
    assertEquals(new VerdictThresholds(5, 2, 2, 90, 50), enrichment.thresholds());
  }

  @Test
  @DisplayName("A wrong value stops start-up naming the variable or key, and never echoes a key")
  void wrongValuesNamed() {
    assertMessage("Invalid configuration: enrichment.virustotal.per_day must be between 1 and 100000000, got 0",
        section("virustotal", new JsonObject().put("per_day", 0)), Map.of());
    assertMessage("Invalid configuration: enrichment.abuseipdb.timeout_seconds must be a whole number, got 'soon'",
        section("abuseipdb", new JsonObject().put("timeout_seconds", "soon")), Map.of());
    assertMessage("Invalid configuration: enrichment.time_budget_ms must be between 0 and 60000, got -1",
        new JsonObject().put("enrichment", new JsonObject().put("time_budget_ms", -1)), Map.of());
    assertMessage("Invalid configuration: enrichment.abuseipdb.malicious_score must be between 1 and 100, got 101",
        section("abuseipdb", new JsonObject().put("malicious_score", 101)), Map.of());
    assertMessage("Invalid configuration: enrichment.abuseipdb.suspicious_score must not be above "
        + "enrichment.abuseipdb.malicious_score (60)",
        section("abuseipdb", new JsonObject().put("malicious_score", 60).put("suspicious_score", 70)), Map.of());
    assertMessage("Invalid configuration: enrichment.virustotal.suspicious_malicious_at must not be above "
        + "enrichment.virustotal.malicious_at (2)",
        section("virustotal", new JsonObject().put("malicious_at", 2).put("suspicious_malicious_at", 3)), Map.of());
    assertMessage("Invalid configuration: VIRUSTOTAL_BASE_URL must be an http or https address without path, query "
        + "or credentials, such as https://api.example.com", new JsonObject(),
        Map.of("VIRUSTOTAL_BASE_URL", "https://user:hunter2@vt.example/api"));
    assertMessage("Invalid configuration: ABUSEIPDB_BASE_URL must be an http or https address without path, query "
        + "or credentials, such as https://api.example.com", new JsonObject(),
        Map.of("ABUSEIPDB_BASE_URL", "ftp://abuse.example"));
    assertMessage("Invalid configuration: ALERTGATE_ENRICH_INTERNAL_DOMAINS[1] must be a domain name such as "
        + "corp.example.com, got 'not a domain'", new JsonObject(),
        Map.of("ALERTGATE_ENRICH_INTERNAL_DOMAINS", "corp.example.com,not a domain"));
    assertMessage("Invalid configuration: ALERTGATE_ENRICH_INTERNAL_DOMAINS[0] must be a domain name such as "
        + "corp.example.com, got '10.0.0.0'", new JsonObject(),
        Map.of("ALERTGATE_ENRICH_INTERNAL_DOMAINS", "10.0.0.0"));
    ConfigException badKey = assertThrows(ConfigException.class, () -> parse(new JsonObject(),
        Map.of("ABUSEIPDB_API_KEY", "abc\u0000hunter2")));
    assertEquals("Invalid configuration: ABUSEIPDB_API_KEY must be one word of printable ASCII characters",
        badKey.getMessage());
  }

  @Test
  @DisplayName("Printing the configuration never prints a provider's key")
  void keysRedacted() {
    GatewayConfig config = GatewayConfig.parse(new JsonObject(),
        Map.of("VIRUSTOTAL_API_KEY", VT_KEY, "ABUSEIPDB_API_KEY", ABUSE_KEY));
    String printed = config.toString();
    assertTrue(printed.contains("enrichment="), printed);
    for (String key : List.of(VT_KEY, ABUSE_KEY)) {
      assertFalse(printed.contains(key), "leaks " + key + ": " + printed);
    }
  }

  private static EnrichmentSettings parse(JsonObject yaml, Map<String, String> env) {
    return GatewayConfig.parse(yaml, env).enrichment();
  }

  private static JsonObject section(String provider, JsonObject settings) {
    return new JsonObject().put("enrichment", new JsonObject().put(provider, settings));
  }

  private static void assertMessage(String expected, JsonObject yaml, Map<String, String> env) {
    ConfigException error = assertThrows(ConfigException.class, () -> GatewayConfig.parse(yaml, env));
    assertEquals(expected, error.getMessage());
  }
}
