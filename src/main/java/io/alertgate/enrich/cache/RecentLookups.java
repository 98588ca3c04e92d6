package io.alertgate.enrich.cache;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The in-memory front of the lookup cache: the most recently used answers, at most a fixed number, so that an alert
 * storm repeating a few indicators does not read the table for each. Shared by the stage's verticles on several event
 * loops, hence locked; every operation is short.
 */
final class RecentLookups {

  private final Map<LookupKey, CachedResult> entries;

  RecentLookups(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    // In access order, so the eldest entry is the least recently used.
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<LookupKey, CachedResult> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The answer kept for this key, or null when there is none still live at {@code now}. */
  synchronized CachedResult get(LookupKey key, Instant now) {
    CachedResult kept = entries.get(key);
    if (kept != null && !kept.liveAt(now)) {
      entries.remove(key);
      return null;
    }
    return kept;
  }

  /** Keeps an answer unless one looked up later is already kept (another caller's, finished first). */
  synchronized void put(LookupKey key, CachedResult result) {
    CachedResult kept = entries.get(key);
    if (kept == null || !kept.lookedUpAt().isAfter(result.lookedUpAt())) {
      entries.put(key, result);
    }
  }

  synchronized int size() {
    return entries.size();
  }
}
