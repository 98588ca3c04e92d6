package io.alertgate.config;

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

  static IngestSettings read(ConfigReader config) {
    return new IngestSettings(
        config.bool("ingest.generate_secrets", true),
        config.integer("ingest.batch_max_rows", 512, 1, 10_000),
        config.integer("ingest.max_pending", 20_000, 1, 1_000_000),
        // Written in MiB so that a user need not count digits; used in bytes.
        config.integer("ingest.max_pending_mib", 256, 1, 65_536) * 1024L * 1024L,
        config.integer("ingest.timestamp_tolerance_seconds", 300, 1, 86_400));
  }
}
