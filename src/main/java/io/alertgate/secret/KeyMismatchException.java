package io.alertgate.secret;

/**
 * A value sealed under another master key than this gateway's: most likely a gateway that generated its own key
 * while others share the database, rather than being given theirs.
 */
public final class KeyMismatchException extends SecretException {

  private final String sealedWith;
  private final String current;

  KeyMismatchException(String context, String sealedWith, String current) {
    super("The value of " + context + " was sealed under master key " + sealedWith + ", but this gateway's master key "
        + "is " + current + ": every gateway sharing the database must be given the same " + MasterKey.VARIABLE);
    this.sealedWith = sealedWith;
    this.current = current;
  }

  /** The id of the key that sealed the value. */
  public String sealedWith() {
    return sealedWith;
  }

  /** The id of this gateway's key. */
  public String current() {
    return current;
  }
}
