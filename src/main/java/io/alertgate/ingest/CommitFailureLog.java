package io.alertgate.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the inbox's commit failures once per outage rather than once per batch: with the database gone, every
 * group commit fails, and a line each (thousands a second under load) buried what happened. One WARN when commits
 * start failing, one INFO with the count when they work again. Confined to its writer's event loop.
 */
final class CommitFailureLog {

  private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);

  private long failedBatches;
  private long failedEvents;

  void failed(int events, String why) {
    if (failedBatches == 0) {
      LOG.warn("Inbox commits are failing ({}); answering 503 until the database confirms commits again", why);
    }
    failedBatches++;
    failedEvents += events;
  }

  void succeeded() {
    if (failedBatches > 0) {
      LOG.info("Inbox commits work again; {} commit(s) of {} inbound event(s) failed meanwhile", failedBatches,
          failedEvents);
      failedBatches = 0;
      failedEvents = 0;
    }
  }
}
