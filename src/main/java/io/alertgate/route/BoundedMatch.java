package io.alertgate.route;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Pattern;

/**
 * A full match of a configured pattern against an alert's value that gives up after a number of steps in proportion
 * to the value's length. Values come from senders and routing runs on an event loop: the configuration refuses the
 * pattern shapes known to backtrack without end, and this bounds what that check misses. A match given up is taken
 * as no match, and logged.
 */
final class BoundedMatch {

  private static final Logger LOG = LoggerFactory.getLogger(BoundedMatch.class);
  // Characters read, backtracking included: a pattern that reads each character a hundred times is already slow.
  private static final long STEPS_PER_CHAR = 100;
  private static final long MIN_STEPS = 100_000;

  /** Thrown from inside the matcher when the steps are spent; without a stack trace, as it is expected. */
  private static final class StepsSpent extends RuntimeException {
    StepsSpent() {
      super("steps spent", null, false, false);
    }
  }

  /** The value, read through a counter of the characters the matcher reads. */
  private static final class Counted implements CharSequence {
    private final String value;
    private long stepsLeft;

    Counted(String value) {
      this.value = value;
      this.stepsLeft = MIN_STEPS + STEPS_PER_CHAR * value.length();
    }

    @Override
    public char charAt(int index) {
      if (--stepsLeft < 0) {
        throw new StepsSpent();
      }
      return value.charAt(index);
    }

    @Override
    public int length() {
      return value.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return value.subSequence(start, end);
    }

    @Override
    public String toString() {
      return value;
    }
  }

  private BoundedMatch() {
  }

  /** @param what the rule and condition, for the log line when the match is given up */
  static boolean matches(Pattern pattern, String value, String what) {
    try {
      return pattern.matcher(new Counted(value)).matches();
    } catch (StepsSpent spent) {
      LOG.warn("Routing: {} gave up matching a value of {} characters; taken as no match", what, value.length());
      return false;
    }
  }
}
