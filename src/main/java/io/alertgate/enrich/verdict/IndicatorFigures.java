package io.alertgate.enrich.verdict;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The figures the providers gave for one indicator; a provider that is off, did not answer, or does not know the
 * indicator gives none.
 *
 * @param virusTotal          VirusTotal's engine counts
 * @param abuseConfidenceScore AbuseIPDB's score, 0 to 100
 */
public record IndicatorFigures(Optional<VirusTotalCounts> virusTotal, OptionalInt abuseConfidenceScore) {

  public static final IndicatorFigures NONE = new IndicatorFigures(Optional.empty(), OptionalInt.empty());

  public IndicatorFigures {
    if (abuseConfidenceScore.isPresent()
        && (abuseConfidenceScore.getAsInt() < 0 || abuseConfidenceScore.getAsInt() > 100)) {
      throw new IllegalArgumentException("an abuse confidence score is 0 to 100");
    }
  }

  public static IndicatorFigures virusTotal(int malicious, int suspicious) {
    return NONE.withVirusTotal(malicious, suspicious);
  }

  public static IndicatorFigures abuseIpDb(int abuseConfidenceScore) {
    return NONE.withAbuseIpDb(abuseConfidenceScore);
  }

  public IndicatorFigures withVirusTotal(int malicious, int suspicious) {
    return new IndicatorFigures(Optional.of(new VirusTotalCounts(malicious, suspicious)), abuseConfidenceScore);
  }

  public IndicatorFigures withAbuseIpDb(int score) {
    return new IndicatorFigures(virusTotal, OptionalInt.of(score));
  }
}
