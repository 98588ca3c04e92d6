package io.alertgate.config;

import java.util.List;

/**
 * The {@code http} section: the ingest port and what it accepts.
 *
 * @param port               ingest port
 * @param instances          ingest verticle instances (one per core unless set)
 * @param maxBodyBytes       largest webhook body accepted
 * @param bodyTimeoutSeconds time allowed for a whole body to arrive
 * @param maxInflightBodyBytes body bytes all ingest event loops together may hold, from the first byte read to the
 *                           answer; beyond it a request is refused (503) before its body is read
 */
public record HttpSettings(int port, int instances, int maxBodyBytes, int bodyTimeoutSeconds,
                           long maxInflightBodyBytes) {

  private static final ConfigKey PORT = ConfigKey.of("http.port", "ALERTGATE_HTTP_PORT");
  private static final ConfigKey INSTANCES = ConfigKey.of("http.instances", "ALERTGATE_HTTP_INSTANCES");
  private static final ConfigKey MAX_BODY_BYTES = ConfigKey.of("http.max_body_bytes", "ALERTGATE_MAX_BODY_BYTES");
  private static final ConfigKey BODY_TIMEOUT_SECONDS =
      ConfigKey.of("http.body_timeout_seconds", "ALERTGATE_HTTP_BODY_TIMEOUT_SECONDS");
  private static final ConfigKey MAX_INFLIGHT_BODY_MIB =
      ConfigKey.of("http.max_inflight_body_mib", "ALERTGATE_MAX_INFLIGHT_BODY_MIB");
  static final List<ConfigKey> KEYS =
      List.of(PORT, INSTANCES, MAX_BODY_BYTES, BODY_TIMEOUT_SECONDS, MAX_INFLIGHT_BODY_MIB);
  private static final long MIB = 1024L * 1024L;

  static HttpSettings read(ConfigReader config) {
    int maxBodyBytes = config.integer(MAX_BODY_BYTES.path(), 1024 * 1024, 1024, 64 * 1024 * 1024);
    // Written in MiB, like ingest.max_pending_mib, so that a user need not count digits; used in bytes.
    long maxInflight = config.integer(MAX_INFLIGHT_BODY_MIB.path(), 64, 1, 65_536) * MIB;
    if (maxInflight < maxBodyBytes) {
      // Else a body of the largest accepted size could never be let in, even on an idle gateway.
      throw new ConfigException(config.name(MAX_INFLIGHT_BODY_MIB.path()), "must be at least "
          + config.name(MAX_BODY_BYTES.path()) + " (" + maxBodyBytes + " bytes), got " + maxInflight + " bytes");
    }
    return new HttpSettings(
        config.port(PORT.path(), 8080),
        config.integer(INSTANCES.path(), Runtime.getRuntime().availableProcessors(), 1, 256),
        maxBodyBytes,
        config.integer(BODY_TIMEOUT_SECONDS.path(), 30, 1, 3600),
        maxInflight);
  }
}
