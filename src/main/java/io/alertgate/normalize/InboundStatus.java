package io.alertgate.normalize;

import io.alertgate.json.WireName;

import java.util.List;

/** Where an inbound event stands in normalization: {@code inbound_state.status}, normalization's work table. */
public enum InboundStatus implements WireName {
  /** Committed by ingest and waiting to be normalized. */
  RECEIVED,
  /** Normalized: its alerts are stored. */
  PROCESSED,
  /** Kept with the reason it could not be normalized; reprocessing sends it back to {@link #RECEIVED}. */
  FAILED;

  // Written for every event a batch marks: made once.
  private final String wireName = WireName.super.wireName();

  @Override
  public String wireName() {
    return wireName;
  }

  /** As a SQL literal, for statements whose plan must see the value itself (the pending index's predicate). */
  String literal() {
    return "'" + wireName() + "'";
  }

  public static InboundStatus ofWireName(String wireName) {
    return WireName.parse(InboundStatus.class, wireName);
  }

  public static List<String> wireNames() {
    return WireName.all(InboundStatus.class);
  }
}
