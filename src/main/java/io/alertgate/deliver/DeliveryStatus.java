package io.alertgate.deliver;

import io.alertgate.json.WireName;

/** Where a delivery stands: {@code delivery.status}. */
public enum DeliveryStatus implements WireName {
  /** Routed and not yet tried. */
  PENDING,
  /** Tried, failed in a way worth retrying, and due again at its next attempt time. */
  RETRYING,
  /** The destination took it. */
  DELIVERED,
  /** Given up, with the reason: the dead letters an operator can replay. */
  DEAD;

  /** As a SQL literal, for statements whose plan must see the value itself (the due index's predicate). */
  String literal() {
    return "'" + wireName() + "'";
  }
}
