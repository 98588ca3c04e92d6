package io.alertgate.enrich.verdict;

import io.alertgate.config.VerdictThresholds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns the providers' figures into verdicts by the configured thresholds: each provider's figures give a verdict,
 * an indicator takes the worst of its providers', and an alert the worst of its indicators'. Figures only, so that
 * the rules hold whichever client, cache or fake produced them.
 */
public final class VerdictRules {

  private final VerdictThresholds thresholds;

  public VerdictRules(VerdictThresholds thresholds) {
    this.thresholds = thresholds;
  }

  public Verdict ofVirusTotal(VirusTotalCounts counts) {
    if (counts.malicious() >= thresholds.virusTotalMalicious()) {
      return Verdict.MALICIOUS;
    }
    if (counts.suspicious() >= thresholds.virusTotalSuspicious()
        || counts.malicious() >= thresholds.virusTotalMaliciousSuspicion()) {
      return Verdict.SUSPICIOUS;
    }
    return Verdict.CLEAN;
  }

  public Verdict ofAbuseIpDb(int abuseConfidenceScore) {
    if (abuseConfidenceScore >= thresholds.abuseMalicious()) {
      return Verdict.MALICIOUS;
    }
    return abuseConfidenceScore >= thresholds.abuseSuspicious() ? Verdict.SUSPICIOUS : Verdict.CLEAN;
  }

  /** The worst of what each provider's figures say; {@link Verdict#UNKNOWN} without any. */
  public Verdict ofIndicator(IndicatorFigures figures) {
    List<Verdict> verdicts = new ArrayList<>(2);
    figures.virusTotal().map(this::ofVirusTotal).ifPresent(verdicts::add);
    figures.abuseConfidenceScore().stream().mapToObj(this::ofAbuseIpDb).forEach(verdicts::add);
    return Verdict.worstOf(verdicts);
  }

  /** The worst of an alert's indicators' verdicts; {@link Verdict#UNKNOWN} when nothing was looked up. */
  public Verdict ofAlert(Collection<IndicatorFigures> indicators) {
    return Verdict.worstOf(indicators.stream().map(this::ofIndicator).toList());
  }
}
