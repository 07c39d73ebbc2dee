package io.tributary.ingest.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.ingest.auth.TokenVerifier;
import io.tributary.ingest.auth.VerifiedToken;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.http.RequestGuards;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code auth} frame: its payload is the headers an HTTP request would carry (browsers cannot
 * set headers on a WebSocket), read case-insensitively. Stateless; thread-safe.
 */
final class SocketAuth {

  private SocketAuth() {}

  /**
   * Checks {@value RequestGuards#PROTOCOL_HEADER} and verifies {@code Authorization}, as HTTP
   * requests are checked.
   *
   * @param headers the auth frame's payload, or null
   * @throws ApiError 401 for a missing or bad token or a payload that is not an object, 426 for a
   *     protocol too old, 400 for a non-integer protocol
   */
  static VerifiedToken verify(JsonNode headers, TokenVerifier verifier) {
    if (headers == null || !headers.isObject()) {
      throw ApiError.unauthorized("The auth payload must be your headers as a JSON object.");
    }
    RequestGuards.checkProtocol(header(headers, RequestGuards.PROTOCOL_HEADER));
    return verifier.verifyToken(header(headers, "Authorization"));
  }

  /** The value of a header, whatever the case of its name; null when absent or not a value. */
  static String header(JsonNode headers, String name) {
    Iterator<Map.Entry<String, JsonNode>> fields = headers.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equalsIgnoreCase(name) && field.getValue().isValueNode()) {
        return field.getValue().asText();
      }
    }
    return null;
  }
}
