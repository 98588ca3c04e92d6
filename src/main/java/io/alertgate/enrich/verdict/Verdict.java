package io.alertgate.enrich.verdict;

import io.alertgate.json.WireName;

import java.util.Collection;

/**
 * What the providers' figures say of an indicator or an alert, worst first. {@link #UNKNOWN} is the absence of any
 * figure, so it ranks below {@link #CLEAN}: an alert is clean when what was looked up is clean, and its enrichment
 * status ({@code complete} or {@code partial}) says whether that was everything.
 */
public enum Verdict implements WireName {
  MALICIOUS, SUSPICIOUS, CLEAN, UNKNOWN;

  /** The worse of two verdicts. */
  public Verdict worse(Verdict other) {
    return ordinal() <= other.ordinal() ? this : other;
  }

  /** The worst of some verdicts; {@link #UNKNOWN} when there are none. */
  public static Verdict worstOf(Collection<Verdict> verdicts) {
    return verdicts.stream().reduce(UNKNOWN, Verdict::worse);
  }
}
