package io.alertgate.http;

import io.vertx.ext.web.Router;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which methods a port takes on a path, for the {@code Allow} header a 405 must carry (RFC 9110 section 15.5.6).
 * vertx-web knows only that some route matched the path; the endpoints are read from the router once, on the
 * first 405, when every route has been mounted.
 */
final class AllowedMethods {

  /** The methods HTTP defines (RFC 9110 section 9, and PATCH): any other is not one this gateway implements. */
  static final Set<String> DEFINED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
      "PATCH");

  private record Endpoint(String method, Pattern path) {}

  private final Router router;
  private volatile List<Endpoint> endpoints;

  AllowedMethods(Router router) {
    this.router = router;
  }

  /** The methods taken on the path, sorted; empty when no endpoint has it. */
  SortedSet<String> on(String path) {
    SortedSet<String> methods = new TreeSet<>();
    for (Endpoint endpoint : endpoints()) {
      if (endpoint.path().matcher(path).matches()) {
        methods.add(endpoint.method());
      }
    }
    return methods;
  }

  private List<Endpoint> endpoints() {
    if (endpoints == null) {
      List<Endpoint> read = new ArrayList<>();
      for (RegisteredRoutes.Endpoint endpoint : RegisteredRoutes.of(router)) {
        if (!endpoint.method().equals(RegisteredRoutes.ANY_METHOD)
            && !endpoint.path().equals(RegisteredRoutes.REGEX_PATH)) {
          read.add(new Endpoint(endpoint.method(), pattern(endpoint.path())));
        }
      }
      endpoints = List.copyOf(read);
    }
    return endpoints;
  }

  /** A path as RegisteredRoutes writes it, each {@code {name}} standing for one segment, as vertx-web matches it. */
  private static Pattern pattern(String path) {
    StringBuilder regex = new StringBuilder();
    for (String part : path.split("\\{[^}/]+}", -1)) {
      if (!regex.isEmpty()) {
        regex.append("[^/]+");
      }
      regex.append(Pattern.quote(part));
    }
    // vertx-web takes a path with a trailing slash for the same endpoint.
    return Pattern.compile(regex + "/?");
  }
}
