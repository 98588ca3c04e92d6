package io.alertgate.pipeline;

/**
 * Text a stage keeps on an item's row that came from outside (a reason quoting a payload, the start of another
 * system's answer): bounded, and storable, since PostgreSQL's text refuses the NUL character, and a row that cannot
 * be written is an outcome lost.
 */
public final class Reasons {

  private static final int MAX_CHARS = 1_000;

  private Reasons() {
  }

  /** The reason cut to its first thousand characters, storable; null stays null. */
  public static String clip(String reason) {
    return storable(reason == null || reason.length() <= MAX_CHARS ? reason : reason.substring(0, MAX_CHARS));
  }

  /** The text with each NUL replaced by U+FFFD; null stays null. */
  public static String storable(String text) {
    return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
  }
}
