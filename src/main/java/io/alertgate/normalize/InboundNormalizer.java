package io.alertgate.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertgate.logging.LogFields;
import io.alertgate.pipeline.Reasons;
import io.alertgate.store.TimeOrderedIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The CPU half of the stage: one stored event's body, read by its source's normalizer, as alert rows. */
final class InboundNormalizer {

  private static final Logger LOG = LoggerFactory.getLogger(InboundNormalizer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  // The mapper's own writer, not JsonNode.toString(): that one takes a slower, non-recursive route (measured 20%).
  private static final ObjectWriter WRITER = JSON.writer();

  private final VendorNormalizers normalizers;

  InboundNormalizer(VendorNormalizers normalizers) {
    this.normalizers = normalizers;
  }

  /** Adds the event's alerts to the rows; returns null on success, else the reason it failed. */
  String normalize(UUID id, String source, byte[] body, Instant receivedAt, AlertRows alerts, AlertIds ids) {
    Normalizer normalizer = normalizers.forSource(source).orElse(null);
    if (normalizer == null) {
      return "$: no normalizer for source '" + source + "' (is it still configured?)";
    }
    try {
      JsonNode document = JSON.readTree(body);
      List<AlertDraft> drafts = normalizer.normalize(document);
      // Normalized and serialized in full before any is added: an event's alerts go in all together or not at all.
      List<AlertRows.Built> built = new ArrayList<>(drafts.size());
      for (int ordinal = 0; ordinal < drafts.size(); ordinal++) {
        AlertDraft draft = drafts.get(ordinal);
        UUID alertId = ids.at(id, ordinal).orElseGet(TimeOrderedIds::next);
        // ingested_at is when the gateway took the event, however late it is normalized (sweeper, reprocess).
        ObjectNode doc = draft.toJson(alertId, id, source, receivedAt);
        built.add(new AlertRows.Built(alertId, draft, doc.get("correlation_key").asText(),
            WRITER.writeValueAsString(doc)));
      }
      for (int i = 0; i < built.size(); i++) {
        alerts.add(built.get(i), id, source, i, receivedAt);
      }
      return null;
    } catch (NormalizationException unreadable) {
      return Reasons.clip(unreadable.getMessage());
    } catch (Exception | StackOverflowError bug) {
      // Not the payload's fault, but retrying it for ever would not help: kept as failed, and reprocessable.
      LogFields.inbound(LOG.atError(), id, source).setCause(bug)
          .log("Normalizer for {} failed on inbound event {}", source, id);
      return Reasons.clip("$: the normalizer failed (" + bug.getClass().getSimpleName() + "); reprocess after a fix");
    }
  }

}
