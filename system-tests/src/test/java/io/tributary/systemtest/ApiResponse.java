package io.tributary.systemtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * One HTTP answer of the public API: status, headers and the raw body, with JSON helpers.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body as text (empty when there is none)
 */
public record ApiResponse(int status, HttpHeaders headers, String body) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The body as JSON; {@link MissingNode} when it is empty or not JSON. */
  public JsonNode json() {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }

  /** {@code error.code} of an error body, or null. */
  public String errorCode() {
    JsonNode code = json().path("error").path("code");
    return code.isTextual() ? code.asText() : null;
  }

  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** Short form for assertion messages; the body is cut, it may be long. */
  @Override
  public String toString() {
    String shown = body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "…" : body;
    return "HTTP " + status + " " + shown;
  }
}
