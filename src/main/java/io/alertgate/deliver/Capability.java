package io.alertgate.deliver;

import io.alertgate.json.WireName;

/** What a destination type does with an incident, as the integration registry lists it. */
public enum Capability implements WireName {
  /** Opens something someone acts on: an issue, a PagerDuty alert. */
  CREATE_INCIDENT,
  /** Closes it again when the source resolves the alert. */
  RESOLVE_INCIDENT,
  /** Adds an update to what it opened. */
  COMMENT,
  /** Runs automation: an action, a workflow, a trigger. */
  EXECUTE_ACTION,
  /** Posts the incident to a receiver of the operator's choosing. */
  SEND_WEBHOOK
}
