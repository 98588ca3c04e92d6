package io.alertgate.ingest.auth;

/**
 * A {@code webhook-id}, when sent, becomes the event's dedup key whatever the scheme, so it must be one a sender
 * means: an empty or blank id would fall back to another key (two bodies under "" both accepted), and an id longer
 * than any sender writes is no id either.
 */
final class WebhookIdCheck implements SourceAuthenticator {

  static final int MAX_LENGTH = 256;

  private final SourceAuthenticator scheme;

  WebhookIdCheck(SourceAuthenticator scheme) {
    this.scheme = scheme;
  }

  @Override
  public void verify(AuthRequest request) {
    String id = request.headers().get("webhook-id");
    if (id != null && (id.isBlank() || id.length() > MAX_LENGTH)) {
      throw new AuthRejectedException("invalid_webhook_id",
          "webhook-id must be 1 to " + MAX_LENGTH + " characters and not blank");
    }
    scheme.verify(request);
  }
}
