package io.alertgate.deliver;

import io.alertgate.json.WireName;

/** What a delivery tells its destination about the incident: new, changed, or closed by its source. */
public enum EventType implements WireName {
  CREATED, UPDATED, RESOLVED
}
