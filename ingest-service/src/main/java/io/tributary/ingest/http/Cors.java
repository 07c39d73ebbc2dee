package io.tributary.ingest.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cross-origin access for browser clients: the configured origins (or {@code *} for any) may call
 * the API with the {@code Authorization}, {@code Content-Type} and {@value
 * RequestGuards#PROTOCOL_HEADER} headers, and read the {@code Tributary-Errors} and {@code
 * Retry-After} answer headers. No credentials (cookies): tokens travel in {@code Authorization}.
 */
public final class Cors {

  /** The configured value that allows every origin. */
  public static final String ANY = "*";

  /** An origin of RFC 6454: {@code scheme "://" host [":" port]}, nothing after. */
  private static final Pattern ORIGIN = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#\\s]+");

  private Cors() {}

  /** Whether {@code value} is {@value #ANY} or a well-formed origin. */
  public static boolean isValidOrigin(String value) {
    return ANY.equals(value) || ORIGIN.matcher(value).matches();
  }

  /**
   * The CORS handler for the configured origins.
   *
   * @param origins allowed origins, each {@value #ANY} or {@code scheme://host[:port]}
   * @return empty when {@code origins} is empty: CORS is off
   */
  public static Optional<CorsHandler> handler(List<String> origins) {
    if (origins.isEmpty()) {
      return Optional.empty();
    }
    // CorsHandler.create() without origins allows any origin.
    CorsHandler cors = CorsHandler.create();
    if (!origins.contains(ANY)) {
      cors.addOrigins(origins);
    }
    return Optional.of(
        cors.allowedHeaders(Set.of("Authorization", "Content-Type", RequestGuards.PROTOCOL_HEADER))
            .allowedMethods(
                Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD, HttpMethod.OPTIONS))
            .exposedHeaders(Set.of("Tributary-Errors", "Retry-After")));
  }
}
