package io.tributary.ingest.http;

import java.util.Map;

/**
 * A failure the client is told about: status, PROTOCOL.md code, a message that says what to do, and
 * optional headers (e.g. {@code Retry-After}). Carries no stack trace: it is an answer, not a bug,
 * and is never logged with a payload.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final Map<String, String> headers;

  public ApiError(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public ApiError(int status, String code, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.headers = Map.copyOf(headers);
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
  }

  public static ApiError invalidJson() {
    return new ApiError(400, "invalid_json", "The body is not valid JSON; send a JSON document.");
  }

  public static ApiError invalidCursor(String reason) {
    return new ApiError(
        400, "invalid_cursor", reason + "; drop the cursor and pull from the beginning.");
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, "unauthorized", message, Map.of("WWW-Authenticate", "Bearer"));
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden", message);
  }

  public static ApiError tenantReset() {
    return new ApiError(
        410,
        "tenant_reset",
        "The tenant was reset on the server: pull from scratch, without a cursor, and push"
            + " local documents again to restore them.");
  }

  public static ApiError payloadTooLarge(String message) {
    return new ApiError(413, "payload_too_large", message);
  }

  public static ApiError unavailable(String message, int retryAfterSeconds) {
    return new ApiError(
        503, "unavailable", message, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  public static ApiError pushTimeout() {
    return new ApiError(
        504,
        "push_timeout",
        "The outcome of the push is not known in time; push again, it is safe (idempotent).");
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
