package io.alertgate.deliver.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a destination is: an absolute http or https address, possibly with a path under which its API lives (a Jira
 * behind {@code https://tools.example.com/jira}). Checked as it is read; a wrong one is an IllegalArgumentException
 * naming the field.
 */
public record Endpoint(URI uri) {

  public static Endpoint parse(String field, Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException(field + " is required: the http or https address to send to");
    }
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(field + " is not a valid address");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(field + " must be an absolute http or https address with a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(field + " must not carry credentials");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException(field + " must not have a fragment");
    }
    return new Endpoint(uri);
  }

  /** An address field that may be left out, with the vendor's own address as its default. */
  public static Endpoint parse(String field, Object value, String byDefault) {
    return parse(field, value == null ? byDefault : value);
  }

  public boolean https() {
    return "https".equalsIgnoreCase(uri.getScheme());
  }

  public String host() {
    return uri.getHost();
  }

  public int port() {
    return uri.getPort() > 0 ? uri.getPort() : https() ? 443 : 80;
  }

  /** The request target for an API path under this address: {@code /jira} + {@code /rest/api/3/issue}. */
  public String target(String apiPath) {
    String base = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + apiPath;
  }

  /** The address itself as the request target, its query included: a generic webhook's. */
  public String ownTarget() {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return Optional.ofNullable(uri.getRawQuery()).map(query -> path + "?" + query).orElse(path);
  }

  /**
   * The address as it may be shown: scheme, host and port only. Many receivers carry a secret in the path (chat
   * webhooks put a token there) or the query, so neither is ever shown.
   */
  public String shown() {
    boolean hasMore = uri.getRawPath() != null && uri.getRawPath().length() > 1 || uri.getRawQuery() != null;
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (hasMore ? "/..." : "/");
  }

  @Override
  public String toString() {
    return shown();
  }
}
