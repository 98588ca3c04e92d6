package io.alertgate.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a regular expression from the configuration once, refusing one that is invalid or whose shape can take
 * exponential time on a long value: a group repeated ({@code *}, {@code +}, {@code {2,}}) whose body matches a
 * varying number of times or offers alternatives ({@code (a+)+}, {@code (a?){30}}, {@code (\w|\d)*}), or a
 * back-reference. Alert values come from senders, so a rule must not let one of them stall an event loop. The check
 * is a heuristic and errs on the side of refusing: {@code (\d+\.)+} is harmless but refused, and is written with a
 * possessive quantifier or an atomic group, which never try a match another way: {@code (\d+\.)++} or
 * {@code (?>\d+\.)+}. The route stage bounds each match as well, for what a heuristic misses.
 */
final class RegexGuard {

  static final int MAX_LENGTH = 1_000;

  /** What a group's body holds so far, at any depth: something that may match a varying number of times. */
  private static final class Body {
    final boolean atomic;
    boolean varies;
    boolean alternates;

    Body(boolean atomic) {
      this.atomic = atomic;
    }
  }

  private RegexGuard() {
  }

  /** The pattern, with {@code (?i)} case-insensitive beyond ASCII too. */
  static Pattern compile(String regex, String path) {
    if (regex.length() > MAX_LENGTH) {
      throw new ConfigException(path, "is longer than " + MAX_LENGTH + " characters");
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex, Pattern.UNICODE_CASE);
    } catch (PatternSyntaxException wrong) {
      throw new ConfigException(path, "is not a valid regular expression: " + wrong.getDescription()
          + " at index " + wrong.getIndex());
    }
    String risk = risk(regex);
    if (risk != null) {
      throw new ConfigException(path, "could take exponential time on a long value: it " + risk
          + "; repeat it possessively or make the group atomic: (\\d+\\.)++ or (?>\\d+\\.)+ for (\\d+\\.)+");
    }
    return pattern;
  }

  /** Why the (valid) regex is risky, or null. */
  private static String risk(String regex) {
    Deque<Body> open = new ArrayDeque<>();
    open.push(new Body(false));
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      switch (c) {
        case '\\' -> {
          if (isBackReference(regex, i + 1)) {
            return "refers back to a group";
          }
          i = afterEscape(regex, i);
        }
        case '[' -> i = afterClass(regex, i);
        case '(' -> {
          open.push(new Body(regex.startsWith("(?>", i)));
          // The '?' of (?:, (?i) or (?<name> is the group's kind, not a quantifier.
          i += regex.startsWith("(?", i) ? 2 : 1;
        }
        case ')' -> {
          // Unbalanced only where it is no group: in a comment of the (?x) mode, which this scan does not follow.
          if (open.size() == 1) {
            i++;
            continue;
          }
          // An atomic group, once matched, is never tried another way: it is one way however it is repeated.
          Body group = open.pop();
          if (group.atomic) {
            i++;
            continue;
          }
          long[] after = quantifier(regex, i + 1);
          boolean repeated = after != null && (after[1] < 0 || after[1] > 1) && !isPossessive(regex, i + 1);
          if (repeated && group.varies) {
            return "repeats a group that itself repeats or is optional inside";
          }
          if (repeated && group.alternates) {
            return "repeats a group of alternatives";
          }
          open.peek().varies |= group.varies;
          open.peek().alternates |= group.alternates;
          i++;
        }
        case '|' -> {
          open.peek().alternates = true;
          i++;
        }
        case '*', '+', '?', '{' -> {
          long[] bounds = quantifier(regex, i);
          open.peek().varies |= bounds[0] != bounds[1] && !isPossessive(regex, i);
          int end = quantifierEnd(regex, i);
          // A lazy '?' or possessive '+' after a quantifier is part of it.
          i = end < regex.length() && (regex.charAt(end) == '?' || regex.charAt(end) == '+') ? end + 1 : end;
        }
        default -> i++;
      }
    }
    return null;
  }

  /** Whether the quantifier at {@code at} is possessive ({@code *+}, {@code {2,}+}): it never gives back. */
  private static boolean isPossessive(String regex, int at) {
    int end = quantifierEnd(regex, at);
    return end < regex.length() && regex.charAt(end) == '+';
  }

  private static int quantifierEnd(String regex, int at) {
    return regex.charAt(at) == '{' ? closingBrace(regex, at) + 1 : at + 1;
  }

  /** The '}' of a bound; where there is none (a comment's text), the end, so that the scan ends too. */
  private static int closingBrace(String regex, int at) {
    int close = regex.indexOf('}', at);
    return close < 0 ? regex.length() - 1 : close;
  }

  /** The bounds {min, max} of the quantifier at {@code at} (max -1 when it has none), or null when there is none. */
  private static long[] quantifier(String regex, int at) {
    if (at >= regex.length()) {
      return null;
    }
    return switch (regex.charAt(at)) {
      case '*' -> new long[] {0, -1};
      case '+' -> new long[] {1, -1};
      case '?' -> new long[] {0, 1};
      case '{' -> braces(regex.substring(at + 1, Math.max(at + 1, closingBrace(regex, at))));
      default -> null;
    };
  }

  /** {n}, {n,} or {n,m}, without the braces. */
  private static long[] braces(String inside) {
    String[] parts = inside.split(",", -1);
    try {
      long min = Long.parseLong(parts[0].trim());
      long max = parts.length == 1 ? min : parts[1].isBlank() ? -1 : Long.parseLong(parts[1].trim());
      return new long[] {min, max};
    } catch (NumberFormatException tooLarge) {
      return new long[] {0, -1};
    }
  }

  private static boolean isBackReference(String regex, int at) {
    if (at >= regex.length()) {
      return false;
    }
    char c = regex.charAt(at);
    return c >= '1' && c <= '9' || c == 'k' && at + 1 < regex.length() && regex.charAt(at + 1) == '<';
  }

  /** The index after the escape at {@code at}: {@code \Q...\E}, {@code \p{..}}, {@code \x{..}}, {@code \cX}, ... */
  private static int afterEscape(String regex, int at) {
    if (at + 1 >= regex.length()) {
      return regex.length();
    }
    char c = regex.charAt(at + 1);
    if (c == 'Q') {
      int end = regex.indexOf("\\E", at + 2);
      return end < 0 ? regex.length() : end + 2;
    }
    if ("pPxN".indexOf(c) >= 0 && at + 2 < regex.length() && regex.charAt(at + 2) == '{') {
      int close = regex.indexOf('}', at + 2);
      return close < 0 ? regex.length() : close + 1;
    }
    return Math.min(regex.length(), at + (c == 'c' ? 3 : 2));
  }

  /** The index after the character class opened at {@code at}; classes may nest, and a leading ']' is literal. */
  private static int afterClass(String regex, int at) {
    int depth = 0;
    int i = at;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i = afterEscape(regex, i);
        continue;
      }
      if (c == '[') {
        depth++;
        i++;
        if (i < regex.length() && regex.charAt(i) == '^') {
          i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
          i++;
        }
        continue;
      }
      if (c == ']' && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return i;
  }
}
