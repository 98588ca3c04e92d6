package io.alertgate.normalize;

import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The alert rows of one transaction, as the arrays one INSERT takes. */
final class AlertRows {

  /** One alert ready to store; the correlation key is the document's, which fills it in when the draft has none. */
  record Built(UUID id, AlertDraft draft, String correlationKey, String document) {}

  private final List<UUID> ids = new ArrayList<>();
  private final List<UUID> inbound = new ArrayList<>();
  private final List<Integer> ordinals = new ArrayList<>();
  private final List<String> sources = new ArrayList<>();
  private final List<String> severities = new ArrayList<>();
  private final List<String> statuses = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();
  private final List<OffsetDateTime> times = new ArrayList<>();
  private final List<String> docs = new ArrayList<>();

  void add(Built alert, UUID inboundId, String source, int ordinal, Instant receivedAt) {
    AlertDraft draft = alert.draft();
    ids.add(alert.id());
    inbound.add(inboundId);
    ordinals.add(ordinal);
    sources.add(source);
    severities.add(draft.severity().wireName());
    statuses.add(draft.status().wireName());
    keys.add(alert.correlationKey());
    // The document's timestamp, at its millisecond precision: the vendor's time, else the arrival time.
    Instant occurred = draft.timestamp() != null ? draft.timestamp() : receivedAt;
    times.add(OffsetDateTime.ofInstant(occurred.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
    docs.add(alert.document());
  }

  boolean isEmpty() {
    return ids.isEmpty();
  }

  int size() {
    return ids.size();
  }

  List<UUID> ids() {
    return ids;
  }

  Tuple tuple() {
    return Tuple.tuple()
        .addArrayOfUUID(ids.toArray(UUID[]::new))
        .addArrayOfUUID(inbound.toArray(UUID[]::new))
        .addArrayOfInteger(ordinals.toArray(Integer[]::new))
        .addArrayOfString(sources.toArray(String[]::new))
        .addArrayOfString(severities.toArray(String[]::new))
        .addArrayOfString(statuses.toArray(String[]::new))
        .addArrayOfString(keys.toArray(String[]::new))
        .addArrayOfOffsetDateTime(times.toArray(OffsetDateTime[]::new))
        .addArrayOfString(docs.toArray(String[]::new));
  }
}
