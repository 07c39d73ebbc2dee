package io.tributary.systemtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One Server-Sent Event as received.
 *
 * @param event the {@code event:} field, or {@code "message"} when the frame had none
 * @param data the {@code data:} lines joined with newlines
 */
public record SseEvent(String event, String data) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The data parsed as JSON. */
  public JsonNode json() {
    try {
      return MAPPER.readTree(data);
    } catch (JsonProcessingException e) {
      throw new AssertionError("SSE data is not JSON: " + data, e);
    }
  }

  /** Dialect B's resync signal: the JSON string {@code "RESYNC"}. */
  public boolean isRxdbResync() {
    JsonNode j = json();
    return j.isTextual() && j.asText().equals("RESYNC");
  }
}
