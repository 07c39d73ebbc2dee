package io.tributary.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A dialect A (change feed, {@code /v1/sync}) client of one tenant, as a ctrodb app would be. */
public final class ChangeFeedClient {

  private final Api api;
  private final String token;

  public ChangeFeedClient(Api api, String token) {
    this.api = api;
    this.token = token;
  }

  public Api api() {
    return api;
  }

  /** {@code POST /v1/sync/push} with {@code {"changes": [...]}}. */
  public ApiResponse push(JsonNode... changes) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putArray("changes").addAll(List.of(changes));
    return api.postJson("/v1/sync/push", token, body);
  }

  /** Pushes and insists on 200; returns the answer's JSON. */
  public JsonNode pushOk(JsonNode... changes) {
    ApiResponse r = push(changes);
    assertThat(r.status()).as("push answer %s", r).isEqualTo(200);
    return r.json();
  }

  /** {@code POST /v1/sync/pull} with {@code {cursor?, batchSize?}}. */
  public ApiResponse pull(String cursor, Integer batchSize) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    if (cursor != null) {
      body.put("cursor", cursor);
    }
    if (batchSize != null) {
      body.put("batchSize", batchSize);
    }
    return api.postJson("/v1/sync/pull", token, body);
  }

  /** {@code GET /v1/sync/pull?cursor=&batchSize=}. */
  public ApiResponse pullByGet(String cursor, Integer batchSize) {
    StringBuilder q = new StringBuilder("/v1/sync/pull?");
    if (cursor != null) {
      q.append("cursor=").append(enc(cursor)).append('&');
    }
    if (batchSize != null) {
      q.append("batchSize=").append(batchSize);
    }
    return api.get(q.toString(), token);
  }

  /** Pulls page after page from {@code cursor} until {@code hasMore} is false. */
  public Page pullToEnd(String cursor) {
    return pullToEnd(cursor, 1000);
  }

  public Page pullToEnd(String cursor, int batchSize) {
    List<JsonNode> all = new ArrayList<>();
    String at = cursor;
    for (int pages = 0; pages < 10_000; pages++) {
      ApiResponse r = pull(at, batchSize);
      if (r.status() != 200) {
        throw new PullFailed(r);
      }
      JsonNode j = r.json();
      j.path("changes").forEach(all::add);
      at = j.path("cursor").asText(null);
      assertThat(at).as("pull answer carries a cursor: %s", r).isNotNull();
      if (!j.path("hasMore").asBoolean(false)) {
        return new Page(all, at);
      }
    }
    throw new AssertionError("pull never reached hasMore=false");
  }

  /** {@code GET /v1/sync/stream?cursor=}. */
  public SseStream stream(String cursor) {
    String q = "/v1/sync/stream" + (cursor == null ? "" : "?cursor=" + enc(cursor));
    return SseStream.open(api.uri(q), token);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A pull that did not answer 200 (e.g. 503 while partitions move). */
  public static final class PullFailed extends RuntimeException {
    private final transient ApiResponse response;

    PullFailed(ApiResponse response) {
      super("pull answered " + response);
      this.response = response;
    }

    public ApiResponse response() {
      return response;
    }
  }

  /**
   * Everything a pull to the end returned, and the cursor it ended at.
   *
   * @param changes the changes in the order received
   * @param cursor the last cursor
   */
  public record Page(List<JsonNode> changes, String cursor) {

    /** recordId → the last change received for it. */
    public Map<String, JsonNode> latestByRecord() {
      Map<String, JsonNode> m = new LinkedHashMap<>();
      changes.forEach(c -> m.put(c.path("recordId").asText(), c));
      return m;
    }
  }
}
