package io.alertgate.config;

/**
 * Where the providers' figures turn an indicator suspicious or malicious (the {@code enrichment} section's
 * {@code virustotal.*_at} and {@code abuseipdb.*_score} keys).
 *
 * @param virusTotalMalicious          engines that call it malicious for a malicious verdict
 * @param virusTotalSuspicious         engines that call it suspicious for a suspicious verdict
 * @param virusTotalMaliciousSuspicion engines that call it malicious, fewer than for a malicious verdict, for a
 *                                     suspicious one
 * @param abuseMalicious               AbuseIPDB confidence score (0-100) for a malicious verdict
 * @param abuseSuspicious              AbuseIPDB confidence score for a suspicious verdict
 */
public record VerdictThresholds(int virusTotalMalicious, int virusTotalSuspicious, int virusTotalMaliciousSuspicion,
                                int abuseMalicious, int abuseSuspicious) {

  public static final VerdictThresholds DEFAULTS = new VerdictThresholds(3, 3, 1, 75, 25);
}
