package io.alertgate.config;

/**
 * The {@code shutdown} section.
 *
 * @param delaySeconds time between readiness turning 503 and the ingest port closing, on SIGTERM, so that a load
 *                     balancer stops sending before the port refuses
 */
public record ShutdownSettings(int delaySeconds) {

  static ShutdownSettings read(ConfigReader config) {
    return new ShutdownSettings(config.integer("shutdown.delay_seconds", 2, 0, 300));
  }
}
