package io.alertgate.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertgate.support.AlertSchema;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What the fuzz tests hold every normalizer to: alerts that write as JSON and fit the alert schema, or a
 * {@link NormalizationException} that says why. Anything else thrown is left to fail the test.
 */
final class AlertsOrRefusal {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UUID ID = UUID.fromString("00000000-0000-7000-8000-000000000001");

  private AlertsOrRefusal() {
  }

  static void check(String vendor, Normalizer normalizer, JsonNode body) throws IOException {
    try {
      for (AlertDraft draft : normalizer.normalize(body)) {
        ObjectNode alert = draft.toJson(ID, ID, vendor, Instant.EPOCH);
        // The raw body may hold a non-finite number as it came; the alert's own fields never.
        alert.remove("raw");
        JSON.readTree(JSON.writeValueAsString(alert));
        AlertSchema.assertValid(draft.toJson(ID, ID, vendor, Instant.EPOCH));
      }
    } catch (NormalizationException refused) {
      assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "refusal without a reason");
    }
  }
}
