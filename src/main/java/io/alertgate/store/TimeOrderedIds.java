package io.alertgate.store;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUIDv7 (RFC 9562): millisecond time first, so new rows land at the right edge of the primary-key index instead
 * of all over it, and ids sort by arrival. Within this process they are strictly increasing, also within one
 * millisecond (RFC 9562's monotonic counter in the 12 bits after the time, started at a random value each
 * millisecond): a batch's ids sort in the order they were made. Across instances, ids of one millisecond do not.
 */
public final class TimeOrderedIds {

  // The time in milliseconds and the counter after it, as the last id had them.
  private static final AtomicLong LAST = new AtomicLong();
  // The counter starts each millisecond below half its range, leaving room to count within the millisecond.
  private static final int COUNTER_START_RANGE = 0x800;

  private TimeOrderedIds() {
  }

  public static UUID next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long candidate = (System.currentTimeMillis() << 12) | random.nextInt(COUNTER_START_RANGE);
    long previous;
    long stamp;
    do {
      previous = LAST.get();
      // Past the counter's range, the time borrows the next millisecond: the order holds either way.
      stamp = Math.max(candidate, previous + 1);
    } while (!LAST.compareAndSet(previous, stamp));
    long high = ((stamp >>> 12) << 16) | 0x7000L | (stamp & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  /**
   * The lowest id of this instant's millisecond: every id made then or later sorts at or after it (as PostgreSQL
   * compares uuids, byte by byte), so {@code id >= firstAt(t)} is a range of the primary key, not a scan of a table.
   */
  public static UUID firstAt(Instant instant) {
    return new UUID(instant.toEpochMilli() << 16, 0);
  }
}
