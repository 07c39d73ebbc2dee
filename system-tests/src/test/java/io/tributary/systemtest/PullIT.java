package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pull paging, collection filters and empty pages, in both dialects, as PROTOCOL.md words them. */
class PullIT extends StackPerClass {

  @Test
  void shouldAnswerConnectivityProbe() {
    // When a client probes with HEAD /v1/sync
    ApiResponse r =
        stack.api().method("HEAD", "/v1/sync", stack.tokens().readWrite(TestIds.tenant()));

    // Then 200
    assertThat(r.status()).as("%s", r).isEqualTo(200);
  }

  @Test
  void shouldPageByBatchSizeUntilHasMoreIsFalse() {
    // Given seven records
    ChangeFeedClient client = stack.changeFeed(TestIds.tenant());
    for (int i = 0; i < 7; i++) {
      client.pushOk(change(TestIds.changeId(), "create", "todos", "r" + i, doc("r" + i, "x")));
    }

    // When it pulls three at a time
    List<String> received = new ArrayList<>();
    List<Boolean> hasMore = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 10; page++) {
      ApiResponse r = client.pull(cursor, 3);
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      assertThat(r.json().path("changes").size()).as("%s", r).isLessThanOrEqualTo(3);
      r.json().path("changes").forEach(c -> received.add(c.path("recordId").asText()));
      hasMore.add(r.json().path("hasMore").asBoolean());
      cursor = r.json().path("cursor").asText();
      if (!r.json().path("hasMore").asBoolean()) {
        break;
      }
    }

    // Then the pages hold each record once, and only the last says there is no more
    assertThat(received).doesNotHaveDuplicates().hasSize(7);
    assertThat(hasMore.get(0)).isTrue();
    assertThat(hasMore.get(hasMore.size() - 1)).isFalse();
    assertThat(client.pull(cursor, 3).json().path("changes")).isEmpty();
  }

  @Test
  void shouldReturnOnlyRequestedCollectionsByGetAndByPost() {
    // Given records in two collections
    String tenant = TestIds.tenant();
    ChangeFeedClient client = stack.changeFeed(tenant);
    client.pushOk(
        change(TestIds.changeId(), "create", "todos", "t1", doc("t1", "x")),
        change(TestIds.changeId(), "create", "notes", "n1", doc("n1", "x")));
    String token = stack.tokens().readWrite(tenant);

    // When it pulls only "notes", by GET and by POST
    ApiResponse get = stack.api().get("/v1/sync/pull?collections=notes", token);
    ApiResponse post =
        stack
            .api()
            .postJson(
                "/v1/sync/pull", token, Map.of("collections", List.of("notes"), "batchSize", 100));

    // Then both return the note only
    for (ApiResponse r : List.of(get, post)) {
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      List<String> collections = new ArrayList<>();
      r.json().path("changes").forEach(c -> collections.add(c.path("collection").asText()));
      assertThat(collections).as("%s", r).containsExactly("notes");
    }
  }

  @Test
  void shouldReturnTheGivenCheckpointOnAnEmptyRxdbPage() {
    // Given an RxDB client caught up to a checkpoint
    RxdbClient client = stack.rxdb(TestIds.tenant(), "todos");
    assertThat(client.pushOk(row(null, doc("d1", "x")))).isEmpty();
    String caughtUp = client.pullToEnd(null, 10).cursor();

    // When it pulls again with nothing new
    ApiResponse r = client.pull(caughtUp, 10);

    // Then the page is empty and carries the checkpoint it was given
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.path("documents")).isEmpty();
    assertThat(body.path("checkpoint").path("cursor").asText()).isEqualTo(caughtUp);
  }

  @Test
  void shouldSignalCaughtUpWithFewerDocumentsThanLimit() {
    // Given five RxDB documents
    RxdbClient client = stack.rxdb(TestIds.tenant(), "todos");
    for (int i = 0; i < 5; i++) {
      assertThat(client.pushOk(row(null, doc("d" + i, "x")))).isEmpty();
    }

    // When it pulls two at a time
    RxdbClient.Page page = client.pullToEnd(null, 2);

    // Then it gets all five once, the last page short
    assertThat(page.documents()).hasSize(5);
    assertThat(page.latestById()).hasSize(5);
  }
}
