package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A change id pushed again (a retry after a lost answer) is applied once and answered the same. */
class IdempotencyIT extends StackPerClass {

  private static final String COLLECTION = "todos";

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder.ingests(2);
  }

  @Test
  void shouldApplyChangePushedTwiceOnceAndAnswerTheSame() {
    // Given a change that was pushed and answered
    String tenant = TestIds.tenant();
    ChangeFeedClient client = stack.changeFeed(tenant);
    String changeId = TestIds.changeId();
    ObjectNode first = change(changeId, "create", COLLECTION, "r1", doc("r1", "once"));
    JsonNode firstAnswer = client.pushOk(first);

    // When the same change is pushed again, through another ingest instance
    ChangeFeedClient retry = new ChangeFeedClient(stack.api(1), stack.tokens().readWrite(tenant));
    JsonNode secondAnswer = retry.pushOk(first);

    // Then the answer is the first one's, and a pull holds one version of the record
    assertThat(PushAnswers.accepted(secondAnswer, changeId))
        .as("second answer %s, first %s", secondAnswer, firstAnswer)
        .isEqualTo(PushAnswers.accepted(firstAnswer, changeId))
        .isPresent();
    assertThat(PushAnswers.listsNaming(secondAnswer, changeId)).isEqualTo(1);
    List<JsonNode> pulled = client.pullToEnd(null).changes();
    assertThat(pulled).hasSize(1);
    assertThat(pulled.get(0).path("id").asText()).isEqualTo(PushAnswers.rev(firstAnswer, changeId));
  }

  @Test
  void shouldNotReapplyRetriedChangeOverALaterWrite() {
    // Given a change, then a later change of the same record
    ChangeFeedClient client = stack.changeFeed(TestIds.tenant());
    String firstId = TestIds.changeId();
    ObjectNode first = change(firstId, "update", COLLECTION, "r1", doc("r1", "first"));
    String firstRev = PushAnswers.rev(client.pushOk(first), firstId);
    String secondId = TestIds.changeId();
    String secondRev =
        PushAnswers.rev(
            client.pushOk(change(secondId, "update", COLLECTION, "r1", doc("r1", "second"))),
            secondId);

    // When the first change is retried
    JsonNode retried = client.pushOk(first);

    // Then it is answered as before and the later write stays current
    assertThat(PushAnswers.rev(retried, firstId)).isEqualTo(firstRev);
    JsonNode current = client.pullToEnd(null).latestByRecord().get("r1");
    assertThat(current.path("id").asText()).isEqualTo(secondRev);
    assertThat(current.path("data").path("title").asText()).isEqualTo("second");
  }

  @Test
  void shouldApplyRxdbRowWithChangeIdOnceWhenPushedTwice() {
    // Given an RxDB row with a change id, pushed and followed by a later edit
    RxdbClient client = stack.rxdb(TestIds.tenant(), COLLECTION);
    ObjectNode v1 = doc("d1", "first");
    ObjectNode firstRow = row(null, v1).put("changeId", TestIds.changeId());
    assertThat(client.pushOk(firstRow)).isEmpty();
    assertThat(client.pushOk(row(v1, doc("d1", "second")).put("changeId", TestIds.changeId())))
        .isEmpty();

    // When the first row is sent again (its answer was lost)
    JsonNode again = client.pushOk(firstRow);

    // Then it is answered as applied and does not overwrite the later edit
    assertThat(again).isEmpty();
    List<JsonNode> docs = client.pullToEnd(null, 10).documents();
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).path("title").asText()).isEqualTo("second");
  }
}
