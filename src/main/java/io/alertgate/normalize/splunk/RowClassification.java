package io.alertgate.normalize.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.alert.Severity;
import io.alertgate.json.JsonValues;
import io.alertgate.normalize.AlertDraft;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a row says about its alert beyond the indicators, read alike for search results and notables: severity,
 * tags and MITRE ATT&CK ids.
 */
final class RowClassification {

  // ES writes the ATT&CK annotations of a correlation search as flat dotted multi-value fields; a search of
  // one's own may name them without the prefix.
  private static final List<String> TECHNIQUE_FIELDS = List.of(
      "annotations.mitre_attack", "annotations.mitre_attack.mitre_technique_id", "mitre_attack", "mitre_technique_id");
  private static final List<String> TACTIC_NAME_FIELDS = List.of(
      "annotations.mitre_attack.mitre_tactic", "mitre_tactic");
  private static final List<String> TACTIC_ID_FIELDS = List.of(
      "annotations.mitre_attack.mitre_tactic_id", "mitre_tactic_id");
  private static final Pattern TECHNIQUE_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");
  private static final Pattern TACTIC_ID = Pattern.compile("TA\\d{4}");

  private RowClassification() {
  }

  /**
   * The first field whose value is a known severity word (or number) wins and is kept as the vendor severity.
   * When the row has a severity the scale does not know, the alert is medium but still shows what was sent.
   */
  static void severity(AlertDraft draft, ResultRow row, String... fields) {
    JsonNode unreadable = null;
    for (String field : fields) {
      JsonNode value = row.first(field);
      Optional<Severity> severity = Severity.fromWord(JsonValues.text(value));
      if (severity.isPresent()) {
        draft.severity(severity.get(), value);
        return;
      }
      if (unreadable == null && JsonValues.text(value) != null) {
        unreadable = value;
      }
    }
    draft.severity(Severity.MEDIUM, unreadable);
  }

  /** Splunk's event tags, the ES security domain, then the app the alert came from. */
  static void tags(AlertDraft draft, ResultRow row, JsonNode app) {
    row.values("tag").forEach(draft::tag);
    row.values("security_domain").forEach(draft::tag);
    JsonValues.texts(app).forEach(draft::tag);
  }

  /**
   * Technique ids (T1059, T1059.001) from the annotation fields, anything else in them dropped. Tactics by name
   * as ES writes them, or by id (TA0002) when only ids were sent, so one tactic is not listed twice.
   */
  static void mitre(AlertDraft draft, ResultRow row) {
    for (String field : TECHNIQUE_FIELDS) {
      ids(row, field, TECHNIQUE_ID).forEach(draft::technique);
    }
    List<String> names = TACTIC_NAME_FIELDS.stream().flatMap(field -> row.values(field).stream()).toList();
    if (!names.isEmpty()) {
      names.forEach(draft::tactic);
      return;
    }
    for (String field : TACTIC_ID_FIELDS) {
      ids(row, field, TACTIC_ID).forEach(draft::tactic);
    }
  }

  private static List<String> ids(ResultRow row, String field, Pattern pattern) {
    return row.values(field).stream()
        .map(value -> value.toUpperCase(Locale.ROOT))
        .filter(value -> pattern.matcher(value).matches())
        .toList();
  }
}
