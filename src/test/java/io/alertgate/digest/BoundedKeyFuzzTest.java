package io.alertgate.digest;

import io.alertgate.support.FuzzTries;
import io.alertgate.support.HostileJson;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dedup and correlation keys are made of what senders write: whatever that is, the bounded key is printable,
 * within its bound plus a digest's length, kept as it is when it was clean and short, and two different keys never
 * become the same one (an unpaired surrogate included, which UTF-8 would have turned into '?').
 */
@AddLifecycleHook(FuzzTries.class)
class BoundedKeyFuzzTest {

  /** {@code sha256:} and 64 hex digits. */
  private static final int DIGEST_CHARS = 71;

  @Property(tries = 300)
  @Label("Any key: printable, bounded, unchanged when clean and short")
  void boundedAndPrintable(@ForAll("keys") String key, @ForAll @IntRange(min = 8, max = 512) int max) {
    String bounded = Digests.boundedKey(key, max);
    assertTrue(printable(bounded), bounded);
    assertTrue(bounded.length() <= Math.max(max, 32 + 1 + DIGEST_CHARS), bounded);
    if (key.length() <= max && printable(key)) {
      assertEquals(key, bounded);
    }
  }

  @Property(tries = 300)
  @Label("Two different keys stay two different bounded keys")
  void injective(@ForAll("keys") String one, @ForAll("keys") String other) {
    if (!one.equals(other)) {
      assertNotEquals(Digests.boundedKey(one, 64), Digests.boundedKey(other, 64), one + " / " + other);
    }
  }

  /** No control character and no unpaired surrogate: what PostgreSQL stores and gives back unchanged. */
  private static boolean printable(String text) {
    return text.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && (c < 0xd800 || c > 0xdfff));
  }

  @Provide
  Arbitrary<String> keys() {
    return HostileJson.strings().flatMap(text -> Arbitraries.of(text, "alert:" + text,
        "k:\ud800" + text, "k:\udc00" + text, text + ":x"));
  }
}
