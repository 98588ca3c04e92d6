package io.alertgate.config;

import java.net.IDN;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code enrichment} section: which threat-intelligence providers are asked about an alert's indicators, how
 * much of their quota may be spent, how long answers are kept, and what stays inside the network. A provider
 * without a key is off; with both off, alerts pass through unenriched.
 *
 * @param virusTotal      VirusTotal v3 (IPs, domains, URLs, file hashes)
 * @param abuseIpDb       AbuseIPDB v2 (IPs)
 * @param timeBudget      how long an alert waits for its lookups before it goes on with what is known
 * @param internalDomains domains whose names, and every name below them, are never sent to a provider
 * @param thresholds      where the providers' figures make a verdict
 */
public record EnrichmentSettings(Provider virusTotal, Provider abuseIpDb, Duration timeBudget,
                                 List<String> internalDomains, VerdictThresholds thresholds) {

  /**
   * One provider's settings.
   *
   * @param apiKey        its key; absent: the provider is off
   * @param baseUrl       scheme, host and optional port, without a trailing slash
   * @param perMinute     lookups a minute at most across the gateway; 0: no budget by the minute
   * @param perDay        lookups a day at most across the gateway
   * @param timeout       how long one call may take
   * @param cacheFound    how long an answer about a known indicator is kept
   * @param cacheNotFound how long "not found" is kept
   */
  public record Provider(Optional<SecretValue> apiKey, String baseUrl, int perMinute, int perDay, Duration timeout,
                         Duration cacheFound, Duration cacheNotFound) {

    public boolean enabled() {
      return apiKey.isPresent();
    }
  }

  private static final ConfigKey TIME_BUDGET_MS = ConfigKey.of("enrichment.time_budget_ms");
  private static final ConfigKey INTERNAL_DOMAINS =
      ConfigKey.commaSeparated("enrichment.internal_domains", "ALERTGATE_ENRICH_INTERNAL_DOMAINS");
  private static final ProviderKeys VT = new ProviderKeys("virustotal", "VIRUSTOTAL");
  private static final ProviderKeys ABUSE = new ProviderKeys("abuseipdb", "ABUSEIPDB");
  private static final ConfigKey VT_MALICIOUS_AT = ConfigKey.of("enrichment.virustotal.malicious_at");
  private static final ConfigKey VT_SUSPICIOUS_AT = ConfigKey.of("enrichment.virustotal.suspicious_at");
  private static final ConfigKey VT_SUSPICIOUS_MALICIOUS_AT =
      ConfigKey.of("enrichment.virustotal.suspicious_malicious_at");
  private static final ConfigKey ABUSE_MALICIOUS_SCORE = ConfigKey.of("enrichment.abuseipdb.malicious_score");
  private static final ConfigKey ABUSE_SUSPICIOUS_SCORE = ConfigKey.of("enrichment.abuseipdb.suspicious_score");
  static final List<ConfigKey> KEYS = Stream.of(List.of(TIME_BUDGET_MS, INTERNAL_DOMAINS), VT.all(), ABUSE.all(),
          List.of(VT_MALICIOUS_AT, VT_SUSPICIOUS_AT, VT_SUSPICIOUS_MALICIOUS_AT, ABUSE_MALICIOUS_SCORE,
              ABUSE_SUSPICIOUS_SCORE))
      .flatMap(List::stream)
      .toList();

  /** The most engines VirusTotal runs is under a hundred; a threshold above that could never be met. */
  private static final int MAX_ENGINES = 100;
  private static final int MAX_SCORE = 100;

  public EnrichmentSettings {
    internalDomains = List.copyOf(internalDomains);
  }

  /** Whether any provider is on. */
  public boolean enabled() {
    return virusTotal.enabled() || abuseIpDb.enabled();
  }

  static EnrichmentSettings read(ConfigReader config) {
    Duration budget = Duration.ofMillis(config.integer(TIME_BUDGET_MS.path(), 2_000, 0, 60_000));
    List<String> domains = internalDomains(config);
    Provider virusTotal = VT.read(config, "https://www.virustotal.com", 4, 500);
    // AbuseIPDB counts its quota by the day only.
    Provider abuseIpDb = ABUSE.read(config, "https://api.abuseipdb.com", 0, 1_000);
    int vtMalicious = config.integer(VT_MALICIOUS_AT.path(), 3, 1, MAX_ENGINES);
    int vtSuspicious = config.integer(VT_SUSPICIOUS_AT.path(), 3, 1, MAX_ENGINES);
    int vtMaliciousSuspicion = config.integer(VT_SUSPICIOUS_MALICIOUS_AT.path(), 1, 1, MAX_ENGINES);
    int abuseMalicious = config.integer(ABUSE_MALICIOUS_SCORE.path(), 75, 1, MAX_SCORE);
    int abuseSuspicious = config.integer(ABUSE_SUSPICIOUS_SCORE.path(), 25, 1, MAX_SCORE);
    if (vtMaliciousSuspicion > vtMalicious) {
      throw new ConfigException(config.name(VT_SUSPICIOUS_MALICIOUS_AT.path()),
          "must not be above " + config.name(VT_MALICIOUS_AT.path()) + " (" + vtMalicious + ")");
    }
    if (abuseSuspicious > abuseMalicious) {
      throw new ConfigException(config.name(ABUSE_SUSPICIOUS_SCORE.path()),
          "must not be above " + config.name(ABUSE_MALICIOUS_SCORE.path()) + " (" + abuseMalicious + ")");
    }
    return new EnrichmentSettings(virusTotal, abuseIpDb, budget, domains,
        new VerdictThresholds(vtMalicious, vtSuspicious, vtMaliciousSuspicion, abuseMalicious, abuseSuspicious));
  }

  /** Internal domains, lower case; a leading {@code *.} or {@code .} may be written, as subdomains always count. */
  private static List<String> internalDomains(ConfigReader config) {
    List<String> given = config.secretList(INTERNAL_DOMAINS.path());
    List<String> domains = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String bare = given.get(i).replaceFirst("^\\*?\\.", "");
      if (!isDomainName(bare)) {
        throw new ConfigException(config.name(INTERNAL_DOMAINS.path()) + "[" + i + "]",
            "must be a domain name such as corp.example.com, got '" + PathValues.shown(given.get(i)) + "'");
      }
      domains.add(bare.toLowerCase(Locale.ROOT));
    }
    return domains;
  }

  private static boolean isDomainName(String name) {
    try {
      String ascii = IDN.toASCII(name).toLowerCase(Locale.ROOT).replaceFirst("\\.$", "");
      String last = ascii.substring(ascii.lastIndexOf('.') + 1);
      // A name ending in a number is an address written loosely, which the address rules already keep inside.
      return !ascii.isEmpty() && ascii.length() <= 253 && !last.matches("\\d+|0x[0-9a-f]*")
          && ascii.matches("([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    } catch (IllegalArgumentException notAName) {
      return false;
    }
  }

  /** One provider's keys, under {@code enrichment.<name>.}, its key and address also set by variables. */
  private record ProviderKeys(ConfigKey apiKey, ConfigKey baseUrl, ConfigKey perMinute, ConfigKey perDay,
                              ConfigKey timeoutSeconds, ConfigKey cacheFoundMinutes,
                              ConfigKey cacheNotFoundMinutes) {

    private static final int MAX_KEY = 512;

    ProviderKeys(String name, String variablePrefix) {
      this(ConfigKey.of(path(name, "api_key"), variablePrefix + "_API_KEY"),
          ConfigKey.of(path(name, "base_url"), variablePrefix + "_BASE_URL"),
          ConfigKey.of(path(name, "per_minute")), ConfigKey.of(path(name, "per_day")),
          ConfigKey.of(path(name, "timeout_seconds")), ConfigKey.of(path(name, "cache_found_minutes")),
          ConfigKey.of(path(name, "cache_not_found_minutes")));
    }

    private static String path(String provider, String key) {
      return "enrichment." + provider + "." + key;
    }

    List<ConfigKey> all() {
      return List.of(apiKey, baseUrl, perMinute, perDay, timeoutSeconds, cacheFoundMinutes, cacheNotFoundMinutes);
    }

    Provider read(ConfigReader config, String defaultUrl, int defaultPerMinute, int defaultPerDay) {
      Optional<String> key = config.string(apiKey.path());
      // Sent in a header: a line break in it would split the request. Never echoed.
      if (key.isPresent() && (key.get().length() > MAX_KEY || !key.get().matches("\\p{Graph}+"))) {
        throw new ConfigException(config.name(apiKey.path()), "must be one word of printable ASCII characters");
      }
      return new Provider(key.map(SecretValue::new),
          baseUrl(config, config.string(baseUrl.path()).orElse(defaultUrl)),
          config.integer(perMinute.path(), defaultPerMinute, 0, 1_000_000),
          config.integer(perDay.path(), defaultPerDay, 1, 100_000_000),
          Duration.ofSeconds(config.integer(timeoutSeconds.path(), 10, 1, 300)),
          Duration.ofMinutes(config.integer(cacheFoundMinutes.path(), 1_440, 0, 525_600)),
          Duration.ofMinutes(config.integer(cacheNotFoundMinutes.path(), 240, 0, 525_600)));
    }

    private String baseUrl(ConfigReader config, String url) {
      URI uri;
      try {
        uri = new URI(url.replaceFirst("/+$", ""));
      } catch (Exception malformed) {
        uri = null;
      }
      boolean web = uri != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
      if (!web || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
          || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
        // Not echoed: an address may carry a user and password.
        throw new ConfigException(config.name(baseUrl.path()),
            "must be an http or https address without path, query or credentials, such as https://api.example.com");
      }
      return uri.toString();
    }
  }
}
