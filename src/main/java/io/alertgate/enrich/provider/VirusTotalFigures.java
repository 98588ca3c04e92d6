package io.alertgate.enrich.provider;

import io.vertx.core.json.JsonObject;

import static io.alertgate.enrich.provider.BodyShape.count;
import static io.alertgate.enrich.provider.BodyShape.optionalCount;

/**
 * VirusTotal's last analysis: how many engines called the indicator what, and its community reputation.
 *
 * @param reputation null when VirusTotal gave none
 */
public record VirusTotalFigures(int malicious, int suspicious, int harmless, int undetected, int timeout,
                                Integer reputation) implements Figures {

  /** From an object's {@code data.attributes} in a v3 answer. */
  static VirusTotalFigures fromAnswer(JsonObject body) {
    JsonObject attributes = BodyShape.object(BodyShape.object(body, "data"), "attributes");
    JsonObject stats = BodyShape.object(attributes, "last_analysis_stats");
    // Older analyses have no timeout count: none timed out then.
    Integer timedOut = optionalCount(stats, "timeout");
    return new VirusTotalFigures(count(stats, "malicious"), count(stats, "suspicious"), count(stats, "harmless"),
        count(stats, "undetected"), timedOut == null ? 0 : timedOut, optionalCount(attributes, "reputation"));
  }

  static VirusTotalFigures fromJson(JsonObject json) {
    return new VirusTotalFigures(count(json, "malicious"), count(json, "suspicious"), count(json, "harmless"),
        count(json, "undetected"), count(json, "timeout"), optionalCount(json, "reputation"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("malicious", malicious).put("suspicious", suspicious).put("harmless", harmless)
        .put("undetected", undetected).put("timeout", timeout).put("reputation", reputation);
  }
}
