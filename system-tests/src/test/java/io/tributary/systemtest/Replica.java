package io.tributary.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a dialect A client holds locally: recordId → the last change it applied (rev, type, data).
 * Two replicas are equal when they hold the same versions of the same records. Not thread-safe.
 */
public final class Replica {

  private final Map<String, JsonNode> records = new TreeMap<>();

  /** Applies pulled or streamed changes in order. */
  public Replica apply(Iterable<JsonNode> changes) {
    for (JsonNode c : changes) {
      records.put(c.path("recordId").asText(), c);
    }
    return this;
  }

  /** recordId → "rev type data", the comparable view of what the client holds. */
  public Map<String, String> view() {
    Map<String, String> v = new TreeMap<>();
    records.forEach(
        (id, c) ->
            v.put(
                id, c.path("id").asText() + " " + c.path("type").asText() + " " + c.path("data")));
    return v;
  }

  public JsonNode get(String recordId) {
    return records.get(recordId);
  }

  public int size() {
    return records.size();
  }
}
