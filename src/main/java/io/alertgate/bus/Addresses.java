package io.alertgate.bus;

/** Every event-bus address, in one place. The bus is the fast path; PostgreSQL stays the source of truth. */
public final class Addresses {

  private static final String INBOX_PREFIX = "alertgate.inbox.";

  /** Carries the id (a string) of each alert committed by normalization. */
  public static final String NORMALIZED = "alertgate.alerts.normalized";

  /** Carries the id of each alert enriched: routing's work when enrichment runs. */
  public static final String ENRICHED = "alertgate.alerts.enriched";

  /** Carries the id of each delivery routed and due: the delivery stage's fast path. */
  public static final String DELIVERIES = "alertgate.deliveries";

  /** Carries the id of each delivery a destination took. */
  public static final String DELIVERED = "alertgate.deliveries.delivered";

  private Addresses() {
  }

  /** Carries the id (a string) of each inbound event committed for the source. */
  public static String inbox(String source) {
    return INBOX_PREFIX + source;
  }
}
