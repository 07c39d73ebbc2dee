package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Deletes replicate as tombstones, to clients that saw the document and to new ones. */
class TombstoneIT extends StackPerClass {

  private static final String COLLECTION = "todos";

  @Test
  void shouldReplicateChangeFeedDeleteAsDeleteTypeAndAsRxdbDeletedFlag() {
    // Given a record a dialect A client and an RxDB client have both pulled
    String tenant = TestIds.tenant();
    ChangeFeedClient feed = stack.changeFeed(tenant);
    RxdbClient rxdb = stack.rxdb(tenant, COLLECTION);
    feed.pushOk(change(TestIds.changeId(), "create", COLLECTION, "r1", doc("r1", "doomed")));
    feed.pushOk(change(TestIds.changeId(), "create", COLLECTION, "r2", doc("r2", "kept")));
    String feedCursor = feed.pullToEnd(null).cursor();
    String rxCursor = rxdb.pullToEnd(null, 10).cursor();

    // When the record is deleted
    feed.pushOk(change(TestIds.changeId(), "delete", COLLECTION, "r1", doc("r1", "doomed")));

    // Then both clients receive a tombstone from their cursors, and nothing else
    ChangeFeedClient.Page feedNext = feed.pullToEnd(feedCursor);
    assertThat(feedNext.changes()).hasSize(1);
    assertThat(feedNext.changes().get(0).path("recordId").asText()).isEqualTo("r1");
    assertThat(feedNext.changes().get(0).path("type").asText()).isEqualTo("delete");
    RxdbClient.Page rxNext = rxdb.pullToEnd(rxCursor, 10);
    assertThat(rxNext.documents()).hasSize(1);
    assertThat(rxNext.documents().get(0).path("id").asText()).isEqualTo("r1");
    assertThat(rxNext.documents().get(0).path("_deleted").asBoolean(false)).isTrue();
    // and a client pulling from scratch sees the tombstone beside the live record
    JsonNode fresh = feed.pullToEnd(null).latestByRecord().get("r1");
    assertThat(fresh.path("type").asText()).isEqualTo("delete");
    assertThat(feed.pullToEnd(null).latestByRecord().get("r2").path("type").asText())
        .isNotEqualTo("delete");
  }

  @Test
  void shouldReplicateRxdbDeleteAsDeletedFlagAndAsChangeFeedDelete() {
    // Given an RxDB document both kinds of client pulled
    String tenant = TestIds.tenant();
    ChangeFeedClient feed = stack.changeFeed(tenant);
    RxdbClient rxdb = stack.rxdb(tenant, COLLECTION);
    ObjectNode v1 = doc("d1", "doomed");
    assertThat(rxdb.pushOk(row(null, v1))).isEmpty();
    String feedCursor = feed.pullToEnd(null).cursor();
    String rxCursor = rxdb.pullToEnd(null, 10).cursor();

    // When RxDB deletes it (a new state with _deleted: true)
    ObjectNode deleted = doc("d1", "doomed").put("_deleted", true);
    assertThat(rxdb.pushOk(row(v1, deleted))).isEmpty();

    // Then it replicates as _deleted: true and as type delete
    RxdbClient.Page rxNext = rxdb.pullToEnd(rxCursor, 10);
    assertThat(rxNext.documents()).hasSize(1);
    assertThat(rxNext.documents().get(0).path("_deleted").asBoolean(false)).isTrue();
    ChangeFeedClient.Page feedNext = feed.pullToEnd(feedCursor);
    assertThat(feedNext.changes()).hasSize(1);
    assertThat(feedNext.changes().get(0).path("type").asText()).isEqualTo("delete");
  }
}
