package io.alertgate.alert;

import io.alertgate.json.WireName;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The one severity scale every vendor's words and numbers are mapped onto. */
public enum Severity implements WireName {
  CRITICAL, HIGH, MEDIUM, LOW, INFO;

  private static final Pattern SCORE = Pattern.compile("-?\\d{1,6}(\\.\\d+)?");

  /** The value a stored alert or a request names, as {@link #wireName()} writes it. */
  public static Severity ofWireName(String wireName) {
    return WireName.parse(Severity.class, wireName);
  }

  /** Whether this is as severe as {@code floor} or more; the constants are declared most severe first. */
  public boolean atLeast(Severity floor) {
    return ordinal() <= floor.ordinal();
  }

  /** Every value as the API and the configuration write it. */
  public static List<String> wireNames() {
    return WireName.all(Severity.class);
  }

  /** Severity words as SIEMs write them, in any case; numbers written as strings are read as risk scores. */
  public static Optional<Severity> fromWord(String word) {
    if (word == null) {
      return Optional.empty();
    }
    String w = word.trim().toLowerCase(Locale.ROOT);
    return switch (w) {
      case "critical", "crit", "fatal", "emergency", "very high", "veryhigh" -> Optional.of(CRITICAL);
      case "high", "error", "severe", "major" -> Optional.of(HIGH);
      case "medium", "moderate", "warning", "warn" -> Optional.of(MEDIUM);
      case "low", "minor" -> Optional.of(LOW);
      case "informational", "information", "info", "informative", "none", "unknown" -> Optional.of(INFO);
      default -> fromScoreText(w);
    };
  }

  /**
   * A risk score written as digits; empty for anything else, and for more than six integer digits: a score that
   * long is no score (123456789012345678901234567890 is junk, not critical), so the caller's default applies.
   */
  public static Optional<Severity> fromScoreText(String text) {
    return text != null && SCORE.matcher(text.trim()).matches()
        ? Optional.of(fromRiskScore(Double.parseDouble(text.trim()))) : Optional.empty();
  }

  /** Elastic's risk-score bands (0-21 low, 22-47 medium, 48-73 high, 74-100 critical), also used for generic numbers. */
  public static Severity fromRiskScore(double score) {
    if (score >= 74) {
      return CRITICAL;
    }
    if (score >= 48) {
      return HIGH;
    }
    if (score >= 22) {
      return MEDIUM;
    }
    return LOW;
  }
}
