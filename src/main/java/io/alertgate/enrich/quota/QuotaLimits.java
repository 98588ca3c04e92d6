package io.alertgate.enrich.quota;

/**
 * A provider's budget of lookups per minute and per calendar day (UTC), from config: for instance VirusTotal's public
 * key allows 4 a minute, AbuseIPDB's free plan 1,000 a day. {@link #UNLIMITED} stands for no budget of our own; the
 * provider's own pauses are still obeyed.
 */
public record QuotaLimits(int perMinute, int perDay) {

  public static final QuotaLimits UNLIMITED = new QuotaLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

  public QuotaLimits {
    if (perMinute < 1 || perDay < 1) {
      throw new IllegalArgumentException("a budget must allow at least one lookup: " + perMinute + "/min, "
          + perDay + "/day");
    }
  }
}
