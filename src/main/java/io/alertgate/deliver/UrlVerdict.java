package io.alertgate.deliver;

import io.alertgate.deliver.http.Endpoint;
import io.alertgate.json.WireName;
import io.alertgate.net.AddressScope;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Future;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether the gateway would send to an address now, and if not, which rule stops it: an operator who is told only
 * "refused" cannot tell a typo from a name server that is down or a range that needs allowing.
 *
 * @param reason      what refuses it; null when it is allowed
 * @param message     a sentence for the operator; null when it is allowed
 * @param address     the address the name resolved to (the one connected to, or the one refused); null before that
 * @param scope       that address's scope
 * @param allowListed the address is not public but inside {@code relay.allow_cidrs}: allowed because of the list
 */
public record UrlVerdict(Reason reason, String message, InetAddress address, AddressScope scope,
                         boolean allowListed) {

  /** The rule that refuses an address, in the order they are checked. */
  public enum Reason implements WireName {
    /** Not an absolute address with a host, or it carries credentials or a fragment. */
    INVALID_URL,
    /** Another scheme than http or https. */
    SCHEME,
    /** The name does not resolve now; it may later. */
    UNRESOLVED,
    /** It resolves to an address that is not public and not in the allowed ranges. */
    ADDRESS_RANGE
  }

  public boolean valid() {
    return reason == null;
  }

  static Future<UrlVerdict> of(String url, TargetGuard guard) {
    Endpoint endpoint;
    try {
      endpoint = Endpoint.parse("url", url);
    } catch (IllegalArgumentException wrong) {
      return Future.succeededFuture(new UrlVerdict(otherScheme(url) ? Reason.SCHEME : Reason.INVALID_URL,
          wrong.getMessage(), null, null, false));
    }
    return guard.check(endpoint.host())
        .map(address -> {
          AddressScope scope = AddressScope.of(address);
          return new UrlVerdict(null, null, address, scope, scope != AddressScope.GLOBAL);
        })
        .recover(failure -> Future.succeededFuture(refused(failure)));
  }

  private static UrlVerdict refused(Throwable failure) {
    if (failure instanceof TargetGuard.Refused refused) {
      return new UrlVerdict(Reason.ADDRESS_RANGE, refused.getMessage() + " (relay.allow_cidrs)", refused.address(),
          refused.scope(), false);
    }
    return new UrlVerdict(Reason.UNRESOLVED, failure.getMessage(), null, null, false);
  }

  private static boolean otherScheme(String url) {
    try {
      String scheme = new URI(url.trim()).getScheme();
      return scheme != null && !scheme.toLowerCase(Locale.ROOT).matches("https?");
    } catch (URISyntaxException unreadable) {
      return false;
    }
  }
}
