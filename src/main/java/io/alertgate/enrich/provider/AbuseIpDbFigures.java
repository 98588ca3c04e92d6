package io.alertgate.enrich.provider;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

import static io.alertgate.enrich.provider.BodyShape.count;
import static io.alertgate.enrich.provider.BodyShape.optionalFlag;
import static io.alertgate.enrich.provider.BodyShape.optionalText;
import static io.alertgate.enrich.provider.BodyShape.optionalTime;

/**
 * AbuseIPDB's report on an address: its confidence (0-100) that the address is abusive, how often it was reported,
 * and where it is. Every part but the score and the count may be null, as AbuseIPDB leaves them out for some
 * addresses.
 */
public record AbuseIpDbFigures(int abuseConfidenceScore, int totalReports, String countryCode, String isp,
                               String usageType, Boolean isTor, Instant lastReportedAt) implements Figures {

  /** From the {@code data} of a check answer. */
  static AbuseIpDbFigures fromAnswer(JsonObject body) {
    JsonObject data = BodyShape.object(body, "data");
    return new AbuseIpDbFigures(count(data, "abuseConfidenceScore"), count(data, "totalReports"),
        optionalText(data, "countryCode"), optionalText(data, "isp"), optionalText(data, "usageType"),
        optionalFlag(data, "isTor"), optionalTime(data, "lastReportedAt"));
  }

  static AbuseIpDbFigures fromJson(JsonObject json) {
    return new AbuseIpDbFigures(count(json, "abuse_confidence_score"), count(json, "total_reports"),
        optionalText(json, "country_code"), optionalText(json, "isp"), optionalText(json, "usage_type"),
        optionalFlag(json, "is_tor"), optionalTime(json, "last_reported_at"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("abuse_confidence_score", abuseConfidenceScore).put("total_reports", totalReports)
        .put("country_code", countryCode).put("isp", isp).put("usage_type", usageType).put("is_tor", isTor)
        .put("last_reported_at", lastReportedAt == null ? null : lastReportedAt.toString());
  }
}
