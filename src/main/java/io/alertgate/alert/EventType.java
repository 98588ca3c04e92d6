package io.alertgate.alert;

import io.alertgate.json.WireName;

/**
 * What a delivery tells its destination about an alert's incident: new there, changed, or closed by its source.
 * Routing decides it; every connector says it in its own terms.
 */
public enum EventType implements WireName {
  CREATED, UPDATED, RESOLVED
}
