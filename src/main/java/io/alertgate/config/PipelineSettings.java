package io.alertgate.config;

/**
 * The {@code pipeline} section: normalization.
 *
 * @param enabled         run normalization in this process (off: ingest only; another instance normalizes)
 * @param sweepIntervalMs how often the recovery sweeper looks for events nobody processed
 * @param graceSeconds    how old an unprocessed event must be before the sweeper takes it from the fast path
 */
public record PipelineSettings(boolean enabled, int sweepIntervalMs, int graceSeconds) {

  static PipelineSettings read(ConfigReader config) {
    return new PipelineSettings(
        config.bool("pipeline.enabled", true),
        config.integer("pipeline.sweep_interval_ms", 2_000, 10, 3_600_000),
        config.integer("pipeline.grace_seconds", 5, 0, 86_400));
  }
}
