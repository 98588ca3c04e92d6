package io.alertgate.ingest;

import java.util.UUID;

/**
 * What committing an event came to.
 *
 * @param id        the stored event's id: the new one, or the first one's for a duplicate
 * @param duplicate the source had already sent an event with this dedup key
 * @param sameBody  for a duplicate, whether its body was identical to the stored one
 */
public record WriteOutcome(UUID id, boolean duplicate, boolean sameBody) {

  static WriteOutcome inserted(UUID id) {
    return new WriteOutcome(id, false, true);
  }
}
