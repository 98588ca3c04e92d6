package io.alertgate.config;

/**
 * The {@code http} section: the ingest port and what it accepts.
 *
 * @param port               ingest port
 * @param instances          ingest verticle instances (one per core unless set)
 * @param maxBodyBytes       largest webhook body accepted
 * @param bodyTimeoutSeconds time allowed for a whole body to arrive
 */
public record HttpSettings(int port, int instances, int maxBodyBytes, int bodyTimeoutSeconds) {

  static HttpSettings read(ConfigReader config) {
    return new HttpSettings(
        config.port("http.port", 8080),
        config.integer("http.instances", Runtime.getRuntime().availableProcessors(), 1, 256),
        config.integer("http.max_body_bytes", 1024 * 1024, 1024, 64 * 1024 * 1024),
        config.integer("http.body_timeout_seconds", 30, 1, 3600));
  }
}
