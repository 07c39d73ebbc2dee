package io.tributary.ingest.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Checks every request makes before its route: the client's protocol version ({@code
 * Tributary-Protocol}, 426 when lower than supported) and, for a POST, a JSON content type (415).
 */
public final class RequestGuards implements PlatformHandler {

  /** The protocol version this server speaks and the lowest one it accepts. */
  public static final int PROTOCOL_VERSION = 1;

  public static final String PROTOCOL_HEADER = "Tributary-Protocol";

  @Override
  public void handle(RoutingContext ctx) {
    checkProtocol(ctx.request().getHeader(PROTOCOL_HEADER));
    if (ctx.request().method() == HttpMethod.POST
        && !isJson(ctx.request().getHeader("Content-Type"))) {
      throw new ApiError(
          415, "unsupported_media_type", "Send the body as Content-Type: application/json.");
    }
    ctx.next();
  }

  /**
   * Checks a client's {@value #PROTOCOL_HEADER} value; null (not sent) is accepted.
   *
   * @throws ApiError 400 for a non-integer value, 426 for a version lower than supported
   */
  public static void checkProtocol(String version) {
    if (version == null) {
      return;
    }
    int v;
    try {
      v = Integer.parseInt(version.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(PROTOCOL_HEADER + " must be an integer protocol version.");
    }
    if (v < PROTOCOL_VERSION) {
      throw new ApiError(
          426,
          "protocol_too_old",
          "This server speaks protocol " + PROTOCOL_VERSION + "; upgrade the client.");
    }
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String media = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return media.equals("application/json") || media.endsWith("+json");
  }
}
