package io.tributary.ingest.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.http.ApiError;
import io.tributary.protocol.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON frames of {@code /v1/sync/ws}: {@code {"type", "requestId", "payload"}} both ways. Pure
 * functions; thread-safe.
 */
final class SocketFrames {

  /** Frame types a client sends. */
  public static final String AUTH = "auth";

  public static final String PUSH = "push";
  public static final String PULL = "pull";

  /** Frame types the server sends. */
  public static final String PUSH_RESULT = "push_result";

  public static final String PULL_RESULT = "pull_result";
  public static final String SERVER_PUSH = "server_push";
  public static final String ERROR = "error";

  /** The longest reason a close frame may carry (RFC 6455 section 5.5). */
  private static final int MAX_CLOSE_REASON_BYTES = 123;

  /**
   * A client frame.
   *
   * @param type the frame's type, or null when it has no string type
   * @param requestId echoed in the answer as sent (any JSON value), or null when absent
   * @param payload the payload, or null when absent
   */
  public record Incoming(String type, JsonNode requestId, JsonNode payload) {}

  private SocketFrames() {}

  /**
   * Reads a client frame.
   *
   * @throws ApiError 400 {@code invalid_frame} when it is not a JSON object
   */
  public static Incoming parse(String text) {
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(text);
    } catch (IOException e) {
      throw invalid("The frame is not JSON; send {\"type\", \"requestId\", \"payload\"}.");
    }
    if (tree == null || !tree.isObject()) {
      throw invalid("The frame is not a JSON object; send {\"type\", \"requestId\", \"payload\"}.");
    }
    JsonNode type = tree.get("type");
    return new Incoming(
        type != null && type.isTextual() ? type.asText() : null,
        present(tree.get("requestId")),
        present(tree.get("payload")));
  }

  /** A server frame. */
  public static String frame(String type, JsonNode requestId, Object payload) {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("type", type);
    out.set("requestId", requestId);
    out.set("payload", Json.mapper().valueToTree(payload));
    try {
      return Json.mapper().writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a frame", e);
    }
  }

  /** An {@code error} frame: payload {@code {"message", "code"}}. */
  public static String error(JsonNode requestId, ApiError error) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("message", error.getMessage());
    payload.put("code", error.code());
    return frame(ERROR, requestId, payload);
  }

  /** {@code reason} cut to the 123 bytes a close frame may carry. */
  public static String closeReason(String reason) {
    String out = reason;
    while (out.getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  private static JsonNode present(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  private static ApiError invalid(String message) {
    return new ApiError(400, "invalid_frame", message);
  }
}
