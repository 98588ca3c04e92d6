package io.alertgate.config;

import java.util.List;

/**
 * The {@code pipeline} section: normalization.
 *
 * @param enabled         run normalization in this process (off: ingest only; another instance normalizes)
 * @param sweepIntervalMs how often the recovery sweeper looks for events nobody processed
 * @param graceSeconds    how old an unprocessed event must be before the sweeper takes it from the fast path
 */
public record PipelineSettings(boolean enabled, int sweepIntervalMs, int graceSeconds) {

  private static final ConfigKey ENABLED = ConfigKey.of("pipeline.enabled", "ALERTGATE_PIPELINE_ENABLED");
  private static final ConfigKey SWEEP_INTERVAL_MS = ConfigKey.of("pipeline.sweep_interval_ms");
  private static final ConfigKey GRACE_SECONDS = ConfigKey.of("pipeline.grace_seconds");
  static final List<ConfigKey> KEYS = List.of(ENABLED, SWEEP_INTERVAL_MS, GRACE_SECONDS);

  static PipelineSettings read(ConfigReader config) {
    return new PipelineSettings(
        config.bool(ENABLED.path(), true),
        config.integer(SWEEP_INTERVAL_MS.path(), 2_000, 10, 3_600_000),
        config.integer(GRACE_SECONDS.path(), 5, 0, 86_400));
  }
}
