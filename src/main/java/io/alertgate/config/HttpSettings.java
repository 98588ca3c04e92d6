package io.alertgate.config;

import java.util.List;

/**
 * The {@code http} section: the ingest port and what it accepts.
 *
 * @param port               ingest port
 * @param instances          ingest verticle instances (one per core unless set)
 * @param maxBodyBytes       largest webhook body accepted
 * @param bodyTimeoutSeconds time allowed for a whole body to arrive
 */
public record HttpSettings(int port, int instances, int maxBodyBytes, int bodyTimeoutSeconds) {

  private static final ConfigKey PORT = ConfigKey.of("http.port", "ALERTGATE_HTTP_PORT");
  private static final ConfigKey INSTANCES = ConfigKey.of("http.instances", "ALERTGATE_HTTP_INSTANCES");
  private static final ConfigKey MAX_BODY_BYTES = ConfigKey.of("http.max_body_bytes", "ALERTGATE_MAX_BODY_BYTES");
  private static final ConfigKey BODY_TIMEOUT_SECONDS =
      ConfigKey.of("http.body_timeout_seconds", "ALERTGATE_HTTP_BODY_TIMEOUT_SECONDS");
  static final List<ConfigKey> KEYS = List.of(PORT, INSTANCES, MAX_BODY_BYTES, BODY_TIMEOUT_SECONDS);

  static HttpSettings read(ConfigReader config) {
    return new HttpSettings(
        config.port(PORT.path(), 8080),
        config.integer(INSTANCES.path(), Runtime.getRuntime().availableProcessors(), 1, 256),
        config.integer(MAX_BODY_BYTES.path(), 1024 * 1024, 1024, 64 * 1024 * 1024),
        config.integer(BODY_TIMEOUT_SECONDS.path(), 30, 1, 3600));
  }
}
