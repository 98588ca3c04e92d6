package io.alertgate.enrich.scope;

import io.alertgate.json.WireName;

/** What becomes of one indicator of an alert before any provider is asked. */
public enum Disposition implements WireName {
  /** It may leave the network: a provider may be asked about it. */
  LOOKUP,
  /** It names something inside the network; asking about it would tell a provider about that network. */
  SKIPPED_PRIVATE,
  /** It is not a value a provider could answer for (malformed, an unsupported hash, a URL with credentials). */
  UNUSABLE
}
