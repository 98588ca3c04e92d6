package io.alertgate.ingest.auth;

import io.alertgate.config.AuthConfig;
import io.alertgate.config.AuthScheme;
import io.alertgate.config.SourceConfig;

import java.util.ArrayList;
import java.util.List;

/** Builds the authenticator a source's configuration asks for. */
public final class Authenticators {

  private static final SourceAuthenticator OPEN = request -> { };

  private Authenticators() {
  }

  public static SourceAuthenticator forSource(SourceConfig source, long toleranceSeconds, String secretVariable) {
    return new WebhookIdCheck(scheme(source, toleranceSeconds, secretVariable));
  }

  private static SourceAuthenticator scheme(SourceConfig source, long toleranceSeconds, String secretVariable) {
    AuthConfig auth = source.auth();
    if (auth.scheme() == AuthScheme.NONE) {
      return OPEN;
    }
    if (!auth.acceptsSenders()) {
      return notConfigured(source.name(), secretVariable);
    }
    return switch (auth.scheme()) {
      case HMAC -> new HmacAuthenticator(auth.header(), auth.encoding(), auth.secrets());
      case STANDARD_WEBHOOKS -> new StandardWebhooksAuthenticator(auth.secrets(), toleranceSeconds);
      case TOKEN -> tokenSource(auth);
      case NONE -> OPEN;
    };
  }

  /** A token source checks its tokens; signing secrets, when set as well, add a signature requirement. */
  private static SourceAuthenticator tokenSource(AuthConfig auth) {
    List<SourceAuthenticator> checks = new ArrayList<>();
    checks.add(new TokenAuthenticator(auth.tokens()));
    if (!auth.secrets().isEmpty()) {
      checks.add(new HmacAuthenticator(auth.header(), auth.encoding(), auth.secrets()));
    }
    return request -> checks.forEach(check -> check.verify(request));
  }

  private static SourceAuthenticator notConfigured(String name, String setting) {
    String hint = setting == null ? "sources." + name + ".auth" : setting;
    String message = "Source '" + name + "' is not configured: no secret or token is set (" + hint + ")";
    return request -> {
      throw new AuthRejectedException("source_not_configured", message);
    };
  }
}
