package io.alertgate.enrich.quota;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A provider's row of {@code enrichment_quota}, and the rules of taking from it. Windows are whole UTC minutes and
 * days. Each instance reads its own clock: one slightly behind counts in the window the row already holds, never
 * in an earlier one, so clocks a little apart never give a window back.
 */
record QuotaState(Instant minuteStart, int minuteUsed, Instant dayStart, int dayUsed, Instant pausedUntil,
                  String pauseReason) {

  /**
   * The result of a take of several lookups: how many were granted (the first ones asked), why the others were not
   * (null when all were), and the state to write when any was granted.
   */
  record Taken(int granted, Grant refusal, QuotaState next) {}

  static Instant minuteOf(Instant now) {
    return now.truncatedTo(ChronoUnit.MINUTES);
  }

  static Instant dayOf(Instant now) {
    return now.truncatedTo(ChronoUnit.DAYS);
  }

  Taken take(Instant now, QuotaLimits limits, int wanted) {
    if (pausedAt(now)) {
      return new Taken(0, Grant.refused(Grant.Refusal.PAUSED, pausedUntil), this);
    }
    Instant day = later(dayStart, dayOf(now));
    int usedToday = day.equals(dayStart) ? dayUsed : 0;
    Instant minute = later(minuteStart, minuteOf(now));
    int usedThisMinute = minute.equals(minuteStart) ? minuteUsed : 0;
    int leftToday = Math.max(0, limits.perDay() - usedToday);
    int leftThisMinute = Math.max(0, limits.perMinute() - usedThisMinute);
    int granted = Math.min(wanted, Math.min(leftToday, leftThisMinute));
    // The day's budget is named first when both are spent: its wait is the longer.
    Grant refusal = granted == wanted ? null : leftToday - granted == 0
        ? Grant.refused(Grant.Refusal.DAY_BUDGET, day.plus(Duration.ofDays(1)))
        : Grant.refused(Grant.Refusal.MINUTE_BUDGET, minute.plus(Duration.ofMinutes(1)));
    QuotaState next = granted == 0 ? this
        : new QuotaState(minute, usedThisMinute + granted, day, usedToday + granted, pausedUntil, pauseReason);
    return new Taken(granted, refusal, next);
  }

  QuotaLeft left(Instant now, QuotaLimits limits) {
    int usedThisMinute = minuteStart.isBefore(minuteOf(now)) ? 0 : minuteUsed;
    int usedToday = dayStart.isBefore(dayOf(now)) ? 0 : dayUsed;
    boolean paused = pausedAt(now);
    return new QuotaLeft(Math.max(0, limits.perMinute() - usedThisMinute), Math.max(0, limits.perDay() - usedToday),
        paused ? pausedUntil : null, paused ? pauseReason : null);
  }

  private boolean pausedAt(Instant now) {
    return pausedUntil != null && pausedUntil.isAfter(now);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
