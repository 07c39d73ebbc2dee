package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Under {@code field-merge}, two clients that edited different fields of one document while offline
 * both keep their edits, in either dialect, and the server reports no conflict.
 */
class FieldMergeIT extends StackPerClass {

  private static final String MERGED = "cards";

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder.ingests(2).policy(MERGED, "field-merge");
  }

  @Test
  void shouldKeepBothOfflineEditsOfDifferentFieldsInTheChangeFeedDialect() {
    // Given a card both clients pulled before going offline
    String tenant = TestIds.tenant();
    String token = stack.tokens().readWrite(tenant);
    ChangeFeedClient alice = new ChangeFeedClient(stack.api(0), token);
    ChangeFeedClient bob = new ChangeFeedClient(stack.api(1), token);
    ObjectNode seen = doc("c1", Map.of("title", "Draft", "done", false, "owner", "ann"));
    alice.pushOk(change(TestIds.changeId(), "create", MERGED, "c1", seen));

    // When each edits a different field from the state it saw, and both sync
    String a = TestIds.changeId();
    String b = TestIds.changeId();
    JsonNode aliceAnswer =
        alice.pushOk(
            withPrev(change(a, "update", MERGED, "c1", with(seen, "title", "Final")), seen));
    JsonNode bobAnswer =
        bob.pushOk(withPrev(change(b, "update", MERGED, "c1", with(seen, "done", true)), seen));

    // Then neither push is a conflict and both clients pull a card carrying both edits
    assertThat(PushAnswers.conflict(aliceAnswer, a)).isEmpty();
    assertThat(PushAnswers.conflict(bobAnswer, b)).isEmpty();
    for (ChangeFeedClient client : new ChangeFeedClient[] {alice, bob}) {
      JsonNode card = client.pullToEnd(null).latestByRecord().get("c1").path("data");
      assertThat(card.path("title").asText()).isEqualTo("Final");
      assertThat(card.path("done").asBoolean()).isTrue();
      assertThat(card.path("owner").asText()).isEqualTo("ann");
      assertThat(card.has("fieldStamps")).isFalse();
    }
  }

  @Test
  void shouldKeepBothOfflineEditsOfDifferentFieldsForRxdbClients() {
    // Given a document both RxDB clients hold as their master state
    String tenant = TestIds.tenant();
    String token = stack.tokens().readWrite(tenant);
    RxdbClient first = new RxdbClient(stack.api(0), token, MERGED);
    RxdbClient second = new RxdbClient(stack.api(1), token, MERGED);
    ObjectNode master = doc("d1", Map.of("title", "Draft", "votes", 1));
    assertThat(first.pushOk(row(null, master))).isEmpty();

    // When each pushes a different field edited from that master state
    JsonNode firstConflicts = first.pushOk(row(master, with(master, "title", "Final")));
    JsonNode secondConflicts = second.pushOk(row(master, with(master, "votes", 2)));

    // Then the server resolves: no conflicts, and both pull the merged document
    assertThat(firstConflicts).isEmpty();
    assertThat(secondConflicts).isEmpty();
    for (RxdbClient client : new RxdbClient[] {first, second}) {
      JsonNode d1 = client.pullToEnd(null, 10).latestById().get("d1");
      assertThat(d1.path("title").asText()).isEqualTo("Final");
      assertThat(d1.path("votes").asInt()).isEqualTo(2);
      assertThat(d1.path("_deleted").asBoolean()).isFalse();
    }
  }

  @Test
  void shouldResolveTheSameFieldByClock() {
    // Given a card
    ChangeFeedClient client = stack.changeFeed(TestIds.tenant());
    ObjectNode seen = doc("c2", Map.of("title", "Draft"));
    client.pushOk(change(TestIds.changeId(), "create", MERGED, "c2", seen));
    long now = System.currentTimeMillis();

    // When the later edit (by client clock) arrives first and the earlier one second
    client.pushOk(
        withPrev(
                change(TestIds.changeId(), "update", MERGED, "c2", with(seen, "title", "Later")),
                seen)
            .put("timestamp", now + 2_000));
    client.pushOk(
        withPrev(
                change(TestIds.changeId(), "update", MERGED, "c2", with(seen, "title", "Earlier")),
                seen)
            .put("timestamp", now + 1_000));

    // Then the later edit holds the field
    JsonNode card = client.pullToEnd(null).latestByRecord().get("c2").path("data");
    assertThat(card.path("title").asText()).isEqualTo("Later");
  }

  private static ObjectNode with(ObjectNode doc, String field, Object value) {
    ObjectNode copy = doc.deepCopy();
    copy.set(field, Changes.doc("x", Map.of(field, value)).get(field));
    return copy;
  }

  private static ObjectNode withPrev(ObjectNode change, ObjectNode prev) {
    change.set("prevData", prev);
    return change;
  }
}
