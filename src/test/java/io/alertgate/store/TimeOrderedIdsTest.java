package io.alertgate.store;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ids made one after the other sort in that order, also within one millisecond and across threads. */
class TimeOrderedIdsTest {

  @Test
  @DisplayName("100,000 ids in a row are strictly increasing, version 7, variant 2")
  void increasing() {
    UUID previous = TimeOrderedIds.next();
    for (int i = 0; i < 100_000; i++) {
      UUID next = TimeOrderedIds.next();
      assertTrue(next.compareTo(previous) > 0, previous + " then " + next);
      assertEquals(7, next.version());
      assertEquals(2, next.variant());
      previous = next;
    }
  }

  @Test
  @DisplayName("The first id of a moment sorts after every id made before it and before every one made at it or later")
  void firstAt() throws Exception {
    UUID before = TimeOrderedIds.next();
    // Ids made in a burst borrow the milliseconds ahead (see next()): the clock passes them again meanwhile.
    Thread.sleep(100);
    Instant moment = Instant.now();
    UUID first = TimeOrderedIds.firstAt(moment);
    UUID after = TimeOrderedIds.next();
    assertTrue(before.compareTo(first) < 0 && first.compareTo(after) <= 0, before + " " + first + " " + after);
    assertEquals(moment.toEpochMilli(), first.getMostSignificantBits() >>> 16, "its time is the id's first 48 bits");
  }

  @Test
  @DisplayName("Made on four threads at once: no id twice, and each thread's own ids in order")
  void concurrent() throws Exception {
    ConcurrentLinkedQueue<UUID> all = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    AtomicBoolean inOrder = new AtomicBoolean(true);
    for (int t = 0; t < 4; t++) {
      threads.add(new Thread(() -> {
        long last = Long.MIN_VALUE;
        for (int i = 0; i < 20_000; i++) {
          UUID id = TimeOrderedIds.next();
          // The time and counter: the first 48 bits and the 12 after the version.
          long stamp = ((id.getMostSignificantBits() >>> 16) << 12) | (id.getMostSignificantBits() & 0x0FFF);
          if (stamp <= last) {
            inOrder.set(false);
          }
          last = stamp;
          all.add(id);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    assertTrue(inOrder.get(), "each thread's ids in order");
    assertEquals(80_000, all.stream().distinct().count());
  }
}
