package io.alertgate.config;

import java.util.List;

/**
 * The {@code ingest} section: how webhooks are committed and checked.
 *
 * @param generateSecrets        create and print secrets on a first start without any
 * @param batchMaxRows           rows in one group-commit INSERT at most
 * @param maxPending             requests waiting for a commit, per ingest verticle, before 503
 * @param maxPendingBytes        bytes of bodies waiting for a commit, per ingest verticle, before 503
 * @param timestampToleranceSecs Standard Webhooks timestamp window
 */
public record IngestSettings(boolean generateSecrets, int batchMaxRows, int maxPending, long maxPendingBytes,
                             int timestampToleranceSecs) {

  private static final ConfigKey GENERATE_SECRETS =
      ConfigKey.of("ingest.generate_secrets", "ALERTGATE_GENERATE_SECRETS");
  private static final ConfigKey BATCH_MAX_ROWS =
      ConfigKey.of("ingest.batch_max_rows", "ALERTGATE_INGEST_BATCH_MAX_ROWS");
  private static final ConfigKey MAX_PENDING = ConfigKey.of("ingest.max_pending", "ALERTGATE_INGEST_MAX_PENDING");
  private static final ConfigKey MAX_PENDING_MIB =
      ConfigKey.of("ingest.max_pending_mib", "ALERTGATE_INGEST_MAX_PENDING_MIB");
  private static final ConfigKey TIMESTAMP_TOLERANCE_SECONDS = ConfigKey.of("ingest.timestamp_tolerance_seconds");
  static final List<ConfigKey> KEYS =
      List.of(GENERATE_SECRETS, BATCH_MAX_ROWS, MAX_PENDING, MAX_PENDING_MIB, TIMESTAMP_TOLERANCE_SECONDS);

  static IngestSettings read(ConfigReader config) {
    return new IngestSettings(
        config.bool(GENERATE_SECRETS.path(), true),
        config.integer(BATCH_MAX_ROWS.path(), 512, 1, 10_000),
        config.integer(MAX_PENDING.path(), 20_000, 1, 1_000_000),
        // Written in MiB so that a user need not count digits; used in bytes.
        config.integer(MAX_PENDING_MIB.path(), 256, 1, 65_536) * 1024L * 1024L,
        config.integer(TIMESTAMP_TOLERANCE_SECONDS.path(), 300, 1, 86_400));
  }
}
