package io.tributary.systemtest;

import static io.tributary.systemtest.Changes.change;
import static io.tributary.systemtest.Changes.doc;
import static io.tributary.systemtest.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Conflict policies as clients see them: compare-and-set under {@code client-resolves}, and under
 * {@code lww} the later timestamp wins whatever the arrival order, the loser reported.
 */
class ConflictIT extends StackPerClass {

  private static final String CAS = "tasks";
  private static final String LWW = "notes";

  @Override
  TributaryStack.Builder configure(TributaryStack.Builder builder) {
    return builder.policy(CAS, "client-resolves");
  }

  @Test
  void shouldReturnConflictWithMasterStateWhenBaseRevIsStale() {
    // Given a record edited once from its first rev
    ChangeFeedClient client = stack.changeFeed(TestIds.tenant());
    String create = TestIds.changeId();
    String rev1 =
        PushAnswers.rev(
            client.pushOk(change(create, "create", CAS, "r1", doc("r1", "first"))), create);
    String edit = TestIds.changeId();
    ObjectNode editChange =
        change(edit, "update", CAS, "r1", doc("r1", "second")).put("baseRev", rev1);
    String rev2 = PushAnswers.rev(client.pushOk(editChange), edit);

    // When another edit still names the first rev
    String stale = TestIds.changeId();
    JsonNode answer =
        client.pushOk(
            change(stale, "update", CAS, "r1", doc("r1", "stale edit")).put("baseRev", rev1));

    // Then it is a conflict carrying the master state and rev, and the master is unchanged
    assertThat(PushAnswers.listsNaming(answer, stale)).as("answer %s", answer).isEqualTo(1);
    JsonNode conflict =
        PushAnswers.conflict(answer, stale)
            .orElseThrow(() -> new AssertionError("no conflict in " + answer));
    assertThat(conflict.path("recordId").asText()).isEqualTo("r1");
    assertThat(conflict.path("collection").asText()).isEqualTo(CAS);
    assertThat(conflict.path("remoteRev").asText()).isEqualTo(rev2);
    assertThat(conflict.path("remote").path("title").asText()).isEqualTo("second");
    JsonNode pulled = client.pullToEnd(null).latestByRecord().get("r1");
    assertThat(pulled.path("id").asText()).isEqualTo(rev2);
    assertThat(pulled.path("data").path("title").asText()).isEqualTo("second");
  }

  @Test
  void shouldApplyEditWhoseBaseRevIsCurrent() {
    // Given a record at its first rev
    ChangeFeedClient client = stack.changeFeed(TestIds.tenant());
    String create = TestIds.changeId();
    String rev1 =
        PushAnswers.rev(
            client.pushOk(change(create, "create", CAS, "r1", doc("r1", "first"))), create);

    // When an edit names that rev
    String edit = TestIds.changeId();
    JsonNode answer =
        client.pushOk(change(edit, "update", CAS, "r1", doc("r1", "second")).put("baseRev", rev1));

    // Then it is accepted with a new rev that pulls return
    String rev2 = PushAnswers.rev(answer, edit);
    assertThat(rev2).isNotEqualTo(rev1);
    assertThat(client.pullToEnd(null).latestByRecord().get("r1").path("id").asText())
        .isEqualTo(rev2);
  }

  @Test
  void shouldReturnMasterStateWhenAssumedMasterStateIsStale() {
    // Given an RxDB document written, then edited from its first state
    RxdbClient client = stack.rxdb(TestIds.tenant(), CAS);
    ObjectNode v1 = doc("d1", "first");
    ObjectNode v2 = doc("d1", "second");
    assertThat(client.pushOk(row(null, v1))).isEmpty();
    assertThat(client.pushOk(row(v1, v2))).isEmpty();

    // When another client pushes an edit that still assumes the first state
    JsonNode conflicts = client.pushOk(row(v1, doc("d1", "stale edit")));

    // Then the answer is the current master document, and it stays current
    assertThat(conflicts).hasSize(1);
    assertThat(conflicts.get(0).path("id").asText()).isEqualTo("d1");
    assertThat(conflicts.get(0).path("title").asText()).isEqualTo("second");
    assertThat(conflicts.get(0).path("_deleted").asBoolean(true)).isFalse();
    JsonNode pulled = client.pullToEnd(null, 10).latestById().get("d1");
    assertThat(pulled.path("title").asText()).isEqualTo("second");
  }

  @Test
  void shouldReturnMasterStateWhenRxdbClientAssumesAnExistingDocumentIsAbsent() {
    // Given an RxDB document that exists
    RxdbClient client = stack.rxdb(TestIds.tenant(), CAS);
    assertThat(client.pushOk(row(null, doc("d1", "first")))).isEmpty();

    // When a second client inserts the same id as new
    JsonNode conflicts = client.pushOk(row(null, doc("d1", "other insert")));

    // Then it gets the master state back
    assertThat(conflicts).hasSize(1);
    assertThat(conflicts.get(0).path("title").asText()).isEqualTo("first");
  }

  @Test
  void shouldLetLaterTimestampWinAndReportEarlierAsSupersededWhenLaterArrivesFirst() {
    // Given a record written with a later client timestamp
    ChangeFeedClient client = stack.changeFeed(TestIds.tenant());
    long now = System.currentTimeMillis();
    String later = TestIds.changeId();
    client.pushOk(
        change(later, "update", LWW, "r1", doc("r1", "later")).put("timestamp", now + 2000));

    // When a write with an earlier timestamp arrives afterwards
    String earlier = TestIds.changeId();
    JsonNode answer =
        client.pushOk(
            change(earlier, "update", LWW, "r1", doc("r1", "earlier"))
                .put("timestamp", now + 1000));

    // Then the later write stays, and the earlier one is reported as superseded, not dropped
    assertThat(PushAnswers.listsNaming(answer, earlier)).as("answer %s", answer).isEqualTo(1);
    assertThat(PushAnswers.error(answer, earlier)).as("answer %s", answer).isEmpty();
    JsonNode report =
        PushAnswers.accepted(answer, earlier)
            .or(() -> PushAnswers.conflict(answer, earlier))
            .orElseThrow();
    assertThat(report.toString().toLowerCase(Locale.ROOT))
        .as("the loser's entry says it was superseded: %s", answer)
        .contains("superseded");
    assertThat(
            client.pullToEnd(null).latestByRecord().get("r1").path("data").path("title").asText())
        .isEqualTo("later");
  }

  @Test
  void shouldLetLaterTimestampWinWhenItArrivesLast() {
    // Given a record written with an earlier client timestamp
    ChangeFeedClient client = stack.changeFeed(TestIds.tenant());
    long now = System.currentTimeMillis();
    String earlier = TestIds.changeId();
    client.pushOk(
        change(earlier, "update", LWW, "r1", doc("r1", "earlier")).put("timestamp", now + 1000));

    // When the write with the later timestamp arrives
    String later = TestIds.changeId();
    JsonNode answer =
        client.pushOk(
            change(later, "update", LWW, "r1", doc("r1", "later")).put("timestamp", now + 2000));

    // Then it is accepted and current
    String rev = PushAnswers.rev(answer, later);
    JsonNode pulled = client.pullToEnd(null).latestByRecord().get("r1");
    assertThat(pulled.path("id").asText()).isEqualTo(rev);
    assertThat(pulled.path("data").path("title").asText()).isEqualTo("later");
  }
}
