package io.alertgate.enrich.scope;

import java.util.List;
import java.util.Map;

/**
 * What of one alert's indicators may be looked up.
 *
 * @param indicators  each distinct indicator examined, in the alert's order, kind by kind (ips, domains, urls,
 *                    hashes)
 * @param notExamined by kind, how many entries of the alert's lists were past the bound and not examined at all
 *                    ({@link LookupScope#MAX_PER_KIND}); none of them is looked up
 */
public record AlertScope(List<ScopedIndicator> indicators, Map<IndicatorKind, Integer> notExamined) {

  public AlertScope {
    indicators = List.copyOf(indicators);
    notExamined = Map.copyOf(notExamined);
  }

  /** The indicators a provider may be asked about. */
  public List<ScopedIndicator> toLookUp() {
    return indicators.stream().filter(ScopedIndicator::mayLookUp).toList();
  }

  /** The indicators kept inside the network, each with the rule that kept it. */
  public List<ScopedIndicator> skippedPrivate() {
    return indicators.stream().filter(indicator -> indicator.disposition() == Disposition.SKIPPED_PRIVATE).toList();
  }

  /** Whether some of the alert's entries were left unexamined because its lists were too long. */
  public boolean truncated() {
    return !notExamined.isEmpty();
  }
}
