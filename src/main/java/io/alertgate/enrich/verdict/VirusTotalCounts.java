package io.alertgate.enrich.verdict;

/**
 * The part of VirusTotal's {@code last_analysis_stats} a verdict is drawn from.
 *
 * @param malicious  engines that flag the indicator malicious
 * @param suspicious engines that flag it suspicious
 */
public record VirusTotalCounts(int malicious, int suspicious) {

  public VirusTotalCounts {
    if (malicious < 0 || suspicious < 0) {
      throw new IllegalArgumentException("engine counts cannot be negative");
    }
  }
}
