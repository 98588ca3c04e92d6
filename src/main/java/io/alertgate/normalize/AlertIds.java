package io.alertgate.normalize;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The ids a batch's reprocessed events' alerts had, by event and place: what their new alerts are given again. */
final class AlertIds {

  private final Map<UUID, Map<Integer, UUID>> byEvent = new HashMap<>();

  /** @param rows {@code (inbound_id, ordinal, alert_id)} */
  AlertIds(RowSet<Row> rows) {
    for (Row row : rows) {
      byEvent.computeIfAbsent(row.getUUID(0), event -> new HashMap<>()).put(row.getInteger(1), row.getUUID(2));
    }
  }

  Optional<UUID> at(UUID inboundId, int ordinal) {
    Map<Integer, UUID> ids = byEvent.get(inboundId);
    return ids == null ? Optional.empty() : Optional.ofNullable(ids.get(ordinal));
  }
}
