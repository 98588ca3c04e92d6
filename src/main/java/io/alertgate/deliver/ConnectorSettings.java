package io.alertgate.deliver;

import java.time.Duration;
import java.util.OptionalInt;

/** What the delivery stage needs of every destination type's settings. */
public interface ConnectorSettings {

  /** How long one attempt may take. */
  Duration timeout();

  /** Retries after the first attempt, when the destination bounds them below the relay's own limit. */
  OptionalInt retryCount();
}
