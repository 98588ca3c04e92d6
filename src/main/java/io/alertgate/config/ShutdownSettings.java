package io.alertgate.config;

import java.util.List;

/**
 * The {@code shutdown} section.
 *
 * @param delaySeconds time between readiness turning 503 and the ingest port closing, on SIGTERM, so that a load
 *                     balancer stops sending before the port refuses
 */
public record ShutdownSettings(int delaySeconds) {

  private static final ConfigKey DELAY_SECONDS =
      ConfigKey.of("shutdown.delay_seconds", "ALERTGATE_SHUTDOWN_DELAY_SECONDS");
  static final List<ConfigKey> KEYS = List.of(DELAY_SECONDS);

  static ShutdownSettings read(ConfigReader config) {
    return new ShutdownSettings(config.integer(DELAY_SECONDS.path(), 2, 0, 300));
  }
}
