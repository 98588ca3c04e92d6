package io.alertgate.enrich.verdict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertgate.config.VerdictThresholds;
import io.alertgate.json.WireName;
import io.alertgate.support.AlertSchema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Verdicts from the providers' figures, by indicator and by alert. */
class VerdictRulesTest {

  private final VerdictRules rules = new VerdictRules(VerdictThresholds.DEFAULTS);

  @ParameterizedTest
  @CsvSource({"0, 0, CLEAN", "0, 2, CLEAN", "1, 0, SUSPICIOUS", "2, 0, SUSPICIOUS", "0, 3, SUSPICIOUS",
      "2, 9, SUSPICIOUS", "3, 0, MALICIOUS", "40, 5, MALICIOUS"})
  @DisplayName("VirusTotal: 3 engines saying malicious is malicious; 1 saying malicious or 3 suspicious, suspicious")
  void virusTotal(int malicious, int suspicious, Verdict expected) {
    assertEquals(expected, rules.ofVirusTotal(new VirusTotalCounts(malicious, suspicious)));
  }

  @ParameterizedTest
  @CsvSource({"0, CLEAN", "24, CLEAN", "25, SUSPICIOUS", "74, SUSPICIOUS", "75, MALICIOUS", "100, MALICIOUS"})
  @DisplayName("AbuseIPDB: a confidence score of 75 is malicious, of 25 suspicious")
  void abuseIpDb(int score, Verdict expected) {
    assertEquals(expected, rules.ofAbuseIpDb(score));
  }

  @Test
  @DisplayName("Other thresholds move the lines")
  void configuredThresholds() {
    VerdictRules strict = new VerdictRules(new VerdictThresholds(10, 5, 2, 90, 50));
    assertEquals(Verdict.SUSPICIOUS, strict.ofVirusTotal(new VirusTotalCounts(9, 0)));
    assertEquals(Verdict.CLEAN, strict.ofVirusTotal(new VirusTotalCounts(1, 4)));
    assertEquals(Verdict.MALICIOUS, strict.ofVirusTotal(new VirusTotalCounts(10, 0)));
    assertEquals(Verdict.SUSPICIOUS, strict.ofAbuseIpDb(89));
    assertEquals(Verdict.CLEAN, strict.ofAbuseIpDb(49));
  }

  @Test
  @DisplayName("An indicator takes the worst of its providers' verdicts; without figures it is unknown")
  void indicatorWorstOfProviders() {
    assertEquals(Verdict.UNKNOWN, rules.ofIndicator(IndicatorFigures.NONE));
    assertEquals(Verdict.CLEAN, rules.ofIndicator(IndicatorFigures.virusTotal(0, 0)));
    assertEquals(Verdict.MALICIOUS, rules.ofIndicator(IndicatorFigures.virusTotal(0, 0).withAbuseIpDb(80)));
    assertEquals(Verdict.SUSPICIOUS, rules.ofIndicator(IndicatorFigures.abuseIpDb(10).withVirusTotal(1, 0)));
  }

  @Test
  @DisplayName("An alert takes the worst of its indicators; unknown only when nothing was looked up")
  void alertWorstOfIndicators() {
    assertEquals(Verdict.UNKNOWN, rules.ofAlert(List.of()));
    assertEquals(Verdict.UNKNOWN, rules.ofAlert(List.of(IndicatorFigures.NONE, IndicatorFigures.NONE)));
    assertEquals(Verdict.CLEAN, rules.ofAlert(List.of(IndicatorFigures.NONE, IndicatorFigures.abuseIpDb(0))));
    assertEquals(Verdict.SUSPICIOUS, rules.ofAlert(List.of(IndicatorFigures.abuseIpDb(0),
        IndicatorFigures.virusTotal(0, 3), IndicatorFigures.NONE)));
    assertEquals(Verdict.MALICIOUS, rules.ofAlert(List.of(IndicatorFigures.virusTotal(0, 3),
        IndicatorFigures.abuseIpDb(99), IndicatorFigures.virusTotal(0, 0))));
  }

  @Test
  @DisplayName("Figures no provider sends are refused")
  void impossibleFigures() {
    assertThrows(IllegalArgumentException.class, () -> new VirusTotalCounts(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> IndicatorFigures.abuseIpDb(101));
    assertThrows(IllegalArgumentException.class, () -> IndicatorFigures.abuseIpDb(-1));
  }

  @ParameterizedTest
  @EnumSource(Verdict.class)
  @DisplayName("Each verdict's wire name is one the alert schema's enrichment object takes")
  void wireNamesMatchTheSchema(Verdict verdict) {
    assertEquals(List.of("malicious", "suspicious", "clean", "unknown"), WireName.all(Verdict.class));
    ObjectMapper json = new ObjectMapper();
    ObjectNode alert = json.createObjectNode()
        .put("id", "0190a5c2-7d1e-7c4a-9f3e-2b1c4d5e6f70").put("source", "elastic")
        .put("source_type", "detection_alert").put("event_id", "e-1").put("timestamp", "2024-06-05T10:00:00Z")
        .put("ingested_at", "2024-06-05T10:00:01Z").put("severity", "high").put("title", "t");
    ObjectNode indicators = alert.putObject("indicators");
    List.of("ips", "domains", "urls", "hashes", "hosts", "users").forEach(indicators::putArray);
    alert.putObject("raw");
    ObjectNode enrichment = alert.putObject("enrichment").put("status", "partial").put("verdict", verdict.wireName());
    enrichment.putArray("results").addObject().put("indicator", "10.0.0.1").put("provider", "abuseipdb")
        .put("status", "skipped_private");
    AlertSchema.assertValid(alert);
  }
}
