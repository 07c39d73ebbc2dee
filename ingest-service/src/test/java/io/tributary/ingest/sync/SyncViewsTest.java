package io.tributary.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.push.ChangeResult;
import io.tributary.ingest.push.ItemCheck;
import io.tributary.ingest.push.PushItem;
import io.tributary.protocol.clock.HybridLogicalClock;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.ChangeType;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.wire.SyncPushResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncViewsTest {

  private static ObjectNode obj(String json) {
    try {
      return (ObjectNode) Json.mapper().readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ChangeResult result(
      String changeId, Outcome.Status status, DocumentVersion current) {
    ObjectNode data = obj("{'id':'r','a':1,'b':2}");
    long hlc = 1_700_000_000_000L << 16;
    PushItem item =
        new PushItem(0, changeId, "todos", "r", ChangeType.UPDATE, data, Base.none(), null);
    ChangeRecord record =
        new ChangeRecord(
            1,
            changeId,
            "acme",
            "todos",
            "r",
            ChangeType.UPDATE,
            data,
            Base.none(),
            hlc,
            1_700_000_000_000L,
            null,
            "corr",
            0);
    return new ChangeResult(
        item,
        record,
        new Outcome(
            "corr",
            changeId,
            status,
            "rv",
            hlc,
            current,
            status == Outcome.Status.REJECTED ? "bad_thing" : null,
            null));
  }

  @Test
  void shouldPutEveryChangeIdInExactlyOneList() {
    // Given
    DocumentVersion current =
        new DocumentVersion(
            "acme",
            "todos",
            "r",
            obj("{'id':'r','a':1,'b':3,'c':0}"),
            false,
            "cur",
            0,
            9,
            5L << 16,
            5,
            "other");
    List<ChangeResult> results =
        List.of(
            result("ok", Outcome.Status.ACCEPTED, null),
            result("late", Outcome.Status.SUPERSEDED, current),
            result("cas", Outcome.Status.CONFLICT, current),
            result("no", Outcome.Status.REJECTED, null));
    List<ItemCheck.Bad> bad = List.of(new ItemCheck.Bad(4, "bad", "invalid_type", "fix"));

    // When
    SyncPushResponse response = SyncViews.pushResponse(results, bad);

    // Then
    assertThat(response.accepted()).extracting(a -> a.id()).containsExactly("ok", "late");
    assertThat(response.accepted().get(0).superseded()).isNull();
    assertThat(response.accepted().get(1).superseded()).isTrue();
    assertThat(response.accepted().get(0).serverTimestamp()).isEqualTo(1_700_000_000_000L);
    assertThat(response.conflicts())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.changeId()).isEqualTo("cas");
              assertThat(c.remoteRev()).isEqualTo("cur");
              assertThat(c.fieldConflicts()).containsExactly("b", "c");
            });
    assertThat(response.errors()).extracting(e -> e.id()).containsExactly("no", "bad");
    assertThat(response.errors())
        .extracting(e -> e.code())
        .containsExactly("bad_thing", "invalid_type");
  }

  @Test
  void shouldMarkTombstonesAsDeleteInTheFeed() {
    DocumentVersion tomb =
        new DocumentVersion(
            "acme", "todos", "r", obj("{'id':'r'}"), true, "rv", 1, 2, 7L << 16, 7, "c");

    assertThat(SyncViews.change(tomb).type()).isEqualTo("delete");
    assertThat(SyncViews.change(tomb).timestamp()).isEqualTo(7L);
    assertThat(HybridLogicalClock.millis(7L << 16)).isEqualTo(7L);
  }
}
