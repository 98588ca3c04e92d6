package io.alertgate.ingest.auth;

/**
 * Decides whether a request really comes from its source. Implementations keep {@code Mac} instances, so each
 * event loop builds its own.
 */
public interface SourceAuthenticator {

  /** Returns normally when the sender proved itself; throws {@link AuthRejectedException} otherwise. */
  void verify(AuthRequest request);
}
