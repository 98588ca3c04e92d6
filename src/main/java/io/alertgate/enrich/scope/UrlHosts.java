package io.alertgate.enrich.scope;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The host of a URL indicator, read strictly: a URL whose host cannot be told for certain is not looked up, as a
 * parser that read it otherwise than the one here could send an internal name out.
 */
final class UrlHosts {

  private static final Set<String> SCHEMES = Set.of("http", "https", "ftp");

  /** A URL's host: an address or a canonical name, or else why the URL is not looked up. */
  record Host(Optional<InetAddress> address, Optional<String> name, Optional<String> problem) {

    static Host wrong(String problem) {
      return new Host(Optional.empty(), Optional.empty(), Optional.of(problem));
    }
  }

  Host of(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException malformed) {
      return Host.wrong("not a well-formed URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme) || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
      return Host.wrong("not an http, https or ftp URL with a host");
    }
    String authority = uri.getRawAuthority();
    // Credentials written into a URL would go to the provider with it.
    if (authority.indexOf('@') >= 0) {
      return Host.wrong("carries a user name or password");
    }
    Optional<String> host = withoutPort(authority);
    if (host.isEmpty()) {
      return Host.wrong("has a port that is not a number");
    }
    Optional<InetAddress> address = LookupScope.address(host.get());
    if (address.isPresent()) {
      return new Host(address, Optional.empty(), Optional.empty());
    }
    // java.net.URI leaves the host unset for internationalized names; the authority still has them.
    return HostNames.canonical(host.get())
        .map(name -> new Host(Optional.empty(), Optional.of(name), Optional.empty()))
        .orElseGet(() -> Host.wrong("has a host that is neither an IP address nor a domain name"));
  }

  private static Optional<String> withoutPort(String authority) {
    int close = authority.lastIndexOf(']');
    int colon = authority.lastIndexOf(':');
    if (colon < 0 || colon < close) {
      return Optional.of(authority);
    }
    String port = authority.substring(colon + 1);
    return port.matches("\\d{0,5}") ? Optional.of(authority.substring(0, colon)) : Optional.empty();
  }
}
