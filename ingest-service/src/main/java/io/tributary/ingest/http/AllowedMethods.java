package io.tributary.ingest.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The methods the router's routes accept on a path, for the {@code Allow} header that a 405 answer
 * must carry (RFC 9110 §15.5.6). Vert.x Web writes it only when no error handler is registered for
 * 405, and the API registers one for its JSON error body. Routes for every path (handlers such as
 * CORS) or with a regular expression of their own are left out.
 *
 * <p>Immutable and thread-safe: a snapshot of the routes taken once the router is built. Knows
 * literal segments and {@code :name} parameters, the only patterns the API's routes use.
 */
final class AllowedMethods {

  private record RoutePath(String[] segments, Set<HttpMethod> methods) {
    boolean matches(String[] path) {
      if (path.length != segments.length) {
        return false;
      }
      for (int i = 0; i < path.length; i++) {
        if (!segments[i].startsWith(":") && !segments[i].equals(path[i])) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<RoutePath> patterns;

  private AllowedMethods(List<RoutePath> patterns) {
    this.patterns = patterns;
  }

  /** The routes with a path and a set of methods; routes for every path or method are left out. */
  static AllowedMethods of(List<Route> routes) {
    List<RoutePath> patterns = new ArrayList<>();
    for (Route route : routes) {
      Set<HttpMethod> methods = route.methods();
      if (route.getPath() == null || methods == null || methods.isEmpty()) {
        continue;
      }
      patterns.add(new RoutePath(segments(route.getPath()), Set.copyOf(methods)));
    }
    return new AllowedMethods(List.copyOf(patterns));
  }

  /**
   * The value of {@code Allow} for {@code path}: its methods in alphabetical order,
   * comma-separated, or an empty string when no route has the path.
   */
  String allow(String path) {
    String[] segments = segments(path);
    Set<String> names = new TreeSet<>();
    for (RoutePath pattern : patterns) {
      if (pattern.matches(segments)) {
        pattern.methods().forEach(m -> names.add(m.name()));
      }
    }
    return String.join(", ", names);
  }

  /** The segments of a path; Vert.x Web routes a path with a trailing slash as one without. */
  private static String[] segments(String path) {
    String trimmed =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.split("/", -1);
  }
}
