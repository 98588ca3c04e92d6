package io.alertgate.config;

import io.alertgate.net.Cidr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code relay} section: how deliveries are tried and where they may go.
 *
 * @param allowCidrs  address ranges a destination may resolve to although they are not public (a receiver on the
 *                    same network, a test endpoint); every other non-global address is refused
 * @param maxAttempts attempts a delivery gets in all before it is dead
 * @param maxAgeHours how long after its first attempt a delivery may still be retried
 * @param breakerOpen how long a destination's open circuit breaker waits before it lets one probe through
 */
public record RelaySettings(List<Cidr> allowCidrs, int maxAttempts, int maxAgeHours, Duration breakerOpen) {

  private static final ConfigKey ALLOW_CIDRS =
      ConfigKey.commaSeparated("relay.allow_cidrs", "ALERTGATE_WEBHOOK_ALLOW_CIDRS");
  private static final ConfigKey MAX_ATTEMPTS = ConfigKey.of("relay.max_attempts");
  private static final ConfigKey MAX_AGE_HOURS = ConfigKey.of("relay.max_age_hours");
  private static final ConfigKey BREAKER_OPEN_SECONDS = ConfigKey.of("relay.breaker_open_seconds");
  static final List<ConfigKey> KEYS = List.of(ALLOW_CIDRS, MAX_ATTEMPTS, MAX_AGE_HOURS, BREAKER_OPEN_SECONDS);

  public RelaySettings {
    allowCidrs = List.copyOf(allowCidrs);
  }

  static RelaySettings read(ConfigReader config) {
    List<String> ranges = config.secretList(ALLOW_CIDRS.path());
    List<Cidr> allowed = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      try {
        allowed.add(Cidr.parse(ranges.get(i)));
      } catch (IllegalArgumentException wrong) {
        throw new ConfigException(config.name(ALLOW_CIDRS.path()) + "[" + i + "]",
            "must be an address range such as 10.0.0.0/8 or fd00::/8");
      }
    }
    // Enough attempts that a day's age, not the count, ends the retries of a receiver that is down for hours.
    return new RelaySettings(allowed, config.integer(MAX_ATTEMPTS.path(), 300, 1, 10_000),
        config.integer(MAX_AGE_HOURS.path(), 24, 1, 168),
        Duration.ofSeconds(config.integer(BREAKER_OPEN_SECONDS.path(), 30, 1, 3_600)));
  }
}
