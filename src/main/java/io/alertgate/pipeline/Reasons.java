package io.alertgate.pipeline;

/** Why an item failed, as a stage keeps it on the item's row: bounded, since it may quote a payload or an answer. */
public final class Reasons {

  private static final int MAX_CHARS = 1_000;

  private Reasons() {
  }

  /** The reason cut to its first thousand characters; null stays null. */
  public static String clip(String reason) {
    return reason == null || reason.length() <= MAX_CHARS ? reason : reason.substring(0, MAX_CHARS);
  }
}
