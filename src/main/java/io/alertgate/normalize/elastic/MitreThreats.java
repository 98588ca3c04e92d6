package io.alertgate.normalize.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.json.JsonValues;
import io.alertgate.normalize.AlertDraft;

/**
 * A detection rule's {@code threat} list: {@code [{framework, tactic: {id, name}, technique: [{id, name,
 * subtechnique: [{id, name}]}]}]}. Tactics are kept by name (as Sentinel reports them), techniques by id.
 */
final class MitreThreats {

  private MitreThreats() {
  }

  static void read(JsonNode threats, AlertDraft draft) {
    if (threats == null || !threats.isArray()) {
      return;
    }
    for (JsonNode threat : threats) {
      JsonNode tactic = threat.path("tactic");
      String tacticName = JsonValues.text(tactic.get("name"));
      draft.tactic(tacticName != null ? tacticName : JsonValues.text(tactic.get("id")));
      for (JsonNode technique : iterable(threat.get("technique"))) {
        draft.technique(JsonValues.text(technique.get("id")));
        for (JsonNode sub : iterable(technique.get("subtechnique"))) {
          draft.technique(JsonValues.text(sub.get("id")));
        }
      }
    }
  }

  private static Iterable<JsonNode> iterable(JsonNode node) {
    return node != null && node.isArray() ? node : java.util.List.of();
  }
}
