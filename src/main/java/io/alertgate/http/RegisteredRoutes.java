package io.alertgate.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The endpoints a router serves, as an API description names them: a method and a path with its parameters written
 * {@code {name}}. Handlers that wrap every request under a prefix (authentication, body limits, the failure handler)
 * are routes with no method and a wildcard path, or none: they are not endpoints and are left out.
 */
public final class RegisteredRoutes {

  /** What a route without any method would be listed with: it answers every method, which no description names. */
  public static final String ANY_METHOD = "ANY";
  /** What a regex route's path is listed as: vertx-web does not give its pattern back. */
  public static final String REGEX_PATH = "<regex>";

  private static final Pattern PATH_PARAM = Pattern.compile(":([A-Za-z0-9_]+)");

  /** One endpoint: an upper-case method and a path such as {@code /api/v1/alerts/{id}}. */
  public record Endpoint(String method, String path) {

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private RegisteredRoutes() {
  }

  /** Every endpoint of the router and of the routers mounted in it, sorted by path, then method. */
  public static List<Endpoint> of(Router router) {
    List<Endpoint> endpoints = new ArrayList<>();
    collect(router, "", endpoints);
    endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
    return List.copyOf(endpoints);
  }

  private static void collect(Router router, String prefix, List<Endpoint> endpoints) {
    for (Route route : router.getRoutes()) {
      if (route.getSubRouter() != null) {
        // Mounted at "/prefix/*", whose path vertx-web keeps as "/prefix/"; the sub-router's paths start with "/".
        collect(route.getSubRouter(), prefix + withoutTrailingSlash(route.getPath()), endpoints);
      } else if (isEndpoint(route)) {
        // vertx-web matches a path with parameters by a pattern too, but keeps the path as written.
        String path = route.getPath() == null ? REGEX_PATH
            : prefix + PATH_PARAM.matcher(route.getPath()).replaceAll("{$1}");
        if (anyMethod(route)) {
          endpoints.add(new Endpoint(ANY_METHOD, path));
        } else {
          route.methods().forEach(method -> endpoints.add(new Endpoint(method.name(), path)));
        }
      }
    }
  }

  /** A route is an endpoint unless it takes every method on more than one path: a prefix, a pattern, or any. */
  private static boolean isEndpoint(Route route) {
    boolean wildcard = route.getPath() == null || !route.isExactPath();
    return !(anyMethod(route) && wildcard);
  }

  private static boolean anyMethod(Route route) {
    Set<HttpMethod> methods = route.methods();
    return methods == null || methods.isEmpty();
  }

  private static String withoutTrailingSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
