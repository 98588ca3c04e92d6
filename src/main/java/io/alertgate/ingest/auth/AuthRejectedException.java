package io.alertgate.ingest.auth;

/**
 * The request may not come in. The code and message go to the sender as they are, so they never hold a secret
 * or say how close a guess was.
 */
public final class AuthRejectedException extends RuntimeException {

  private final String code;

  public AuthRejectedException(String code, String message) {
    // Rejections are routine under a scan: no stack trace to fill.
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
