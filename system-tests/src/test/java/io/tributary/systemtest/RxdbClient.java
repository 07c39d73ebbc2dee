package io.tributary.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dialect B (RxDB replication, {@code /v1/rxdb/{collection}}) client of one tenant and
 * collection, speaking what RxDB's {@code replicateRxCollection} handlers send.
 */
public final class RxdbClient {

  private final Api api;
  private final String token;
  private final String collection;

  public RxdbClient(Api api, String token, String collection) {
    this.api = api;
    this.token = token;
    this.collection = collection;
  }

  /** {@code POST /v1/rxdb/{collection}/push} with the given rows. */
  public ApiResponse push(JsonNode... rows) {
    ArrayNode body = JsonNodeFactory.instance.arrayNode();
    body.addAll(List.of(rows));
    return api.postJson("/v1/rxdb/" + collection + "/push", token, body);
  }

  /** Pushes, insists on 200 and returns the conflicts array. */
  public JsonNode pushOk(JsonNode... rows) {
    ApiResponse r = push(rows);
    assertThat(r.status()).as("rxdb push answer %s", r).isEqualTo(200);
    assertThat(r.json().isArray()).as("rxdb push answer is an array: %s", r).isTrue();
    return r.json();
  }

  /** {@code GET /v1/rxdb/{collection}/pull?cursor=&limit=}. */
  public ApiResponse pull(String cursor, int limit) {
    String q =
        "/v1/rxdb/"
            + collection
            + "/pull?"
            + (cursor == null ? "" : "cursor=" + ChangeFeedClient.enc(cursor) + "&")
            + "limit="
            + limit;
    return api.get(q, token);
  }

  /** Pulls until a page holds fewer than {@code limit} documents. */
  public Page pullToEnd(String cursor, int limit) {
    List<JsonNode> all = new ArrayList<>();
    String at = cursor;
    for (int pages = 0; pages < 10_000; pages++) {
      ApiResponse r = pull(at, limit);
      assertThat(r.status()).as("rxdb pull answer %s", r).isEqualTo(200);
      JsonNode docs = r.json().path("documents");
      docs.forEach(all::add);
      at = r.json().path("checkpoint").path("cursor").asText(null);
      assertThat(at).as("rxdb pull answer carries checkpoint.cursor: %s", r).isNotNull();
      if (docs.size() < limit) {
        return new Page(all, at);
      }
    }
    throw new AssertionError("rxdb pull never returned a short page");
  }

  /** {@code GET /v1/rxdb/{collection}/pullStream?cursor=}. */
  public SseStream pullStream(String cursor) {
    String q =
        "/v1/rxdb/"
            + collection
            + "/pullStream"
            + (cursor == null ? "" : "?cursor=" + ChangeFeedClient.enc(cursor));
    return SseStream.open(api.uri(q), token);
  }

  /**
   * Documents a pull to the end returned, and the checkpoint cursor it ended at.
   *
   * @param documents in the order received
   * @param cursor the last checkpoint's cursor
   */
  public record Page(List<JsonNode> documents, String cursor) {

    /** id → the last document received for it. */
    public Map<String, JsonNode> latestById() {
      Map<String, JsonNode> m = new LinkedHashMap<>();
      documents.forEach(d -> m.put(d.path("id").asText(), d));
      return m;
    }
  }
}
