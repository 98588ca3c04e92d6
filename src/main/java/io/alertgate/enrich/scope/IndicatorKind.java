package io.alertgate.enrich.scope;

import io.alertgate.json.WireName;

/** The kinds of indicator a threat-intelligence provider is asked about; hosts and users never are. */
public enum IndicatorKind implements WireName {
  IP, DOMAIN, URL, HASH
}
