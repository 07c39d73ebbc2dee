package io.tributary.ingest.http;

import io.tributary.protocol.json.Json;
import io.tributary.protocol.wire.ErrorBody;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to {@code {"error":{"code","message"}}} with its PROTOCOL.md status. Never
 * answers with a stack trace and never logs a request body or a token.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

  private final AllowedMethods allowed;

  /**
   * @param allowed the methods of the router's paths, for the {@code Allow} header of a 405
   */
  FailureHandler(AllowedMethods allowed) {
    this.allowed = allowed;
  }

  @Override
  public void handle(RoutingContext ctx) {
    send(ctx, toApiError(ctx.failure(), ctx.statusCode(), ctx));
  }

  /** The error the client gets for a failure or a bare status code. */
  private ApiError toApiError(Throwable failure, int statusCode, RoutingContext ctx) {
    if (failure instanceof ApiError e) {
      return e;
    }
    int status = statusCode > 0 ? statusCode : 500;
    return switch (status) {
      case 400 -> ApiError.badRequest("The request is malformed; check it against the protocol.");
      case 401 -> ApiError.unauthorized("Send a valid bearer token.");
      case 403 ->
          // Tokens refuse with an ApiError; a bare 403 is the CORS handler refusing the Origin.
          ctx.request().getHeader("Origin") != null
              ? ApiError.forbidden(
                  "This origin may not call the API; ask the operator to add it to"
                      + " http.cors.allowed.origins.")
              : ApiError.forbidden("The token does not allow this request.");
      case 404 -> new ApiError(404, "not_found", "No such endpoint; check the path.");
      case 405 ->
          new ApiError(
              405,
              "method_not_allowed",
              "This endpoint does not accept that method; the Allow header lists those it does.",
              Map.of("Allow", allowed.allow(ctx.request().path())));
      case 413 ->
          ApiError.payloadTooLarge("The body is larger than the server accepts; send less.");
      case 415 ->
          new ApiError(
              415, "unsupported_media_type", "Send the body as Content-Type: application/json.");
      default -> {
        if (!hasValidEscapes(ctx.request().uri())) {
          // Vert.x decodes the path while routing and the query when a parameter is read; both
          // throw on such an escape, before or inside our handlers.
          yield ApiError.badRequest(
              "The path or query has a malformed percent-escape; encode it as %XX (two hex"
                  + " digits).");
        }
        log.error("Internal error on {} {}", ctx.request().method(), ctx.request().path(), failure);
        yield new ApiError(500, "internal", "The server failed; try again later.");
      }
    };
  }

  /** Whether every {@code %} of a request target is followed by two hex digits. */
  static boolean hasValidEscapes(String target) {
    for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
      if (i + 2 >= target.length()
          || !isHex(target.charAt(i + 1))
          || !isHex(target.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Writes {@code error} unless the response has already started. */
  public static void send(RoutingContext ctx, ApiError error) {
    var response = ctx.response();
    if (response.headWritten() || response.ended() || response.closed()) {
      return;
    }
    error.headers().forEach(response::putHeader);
    response
        .setStatusCode(error.status())
        .putHeader("Content-Type", "application/json")
        .end(body(error));
  }

  /** The JSON error body of {@code error}. */
  static String body(ApiError error) {
    return Json.mapper().valueToTree(ErrorBody.of(error.code(), error.getMessage())).toString();
  }
}
