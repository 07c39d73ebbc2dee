package io.tributary.protocol.merge;

import static io.tributary.protocol.merge.Changes.data;
import static io.tributary.protocol.merge.Changes.delete;
import static io.tributary.protocol.merge.Changes.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import org.junit.jupiter.api.Test;

class FieldMergeTest {

  private final ConflictPolicy merge = new FieldMerge();
  private long offset;

  private DocumentVersion apply(DocumentVersion current, ChangeRecord change) {
    Resolution r = Resolver.resolve(merge, current, change, 0, offset++);
    return r.written() != null ? r.written() : current;
  }

  private static ObjectNode fields(Object... kv) {
    ObjectNode n = data((String) kv[0], kv[1]);
    for (int i = 2; i < kv.length; i += 2) {
      n.set((String) kv[i], io.tributary.protocol.json.Json.mapper().valueToTree(kv[i + 1]));
    }
    return n;
  }

  @Test
  void shouldKeepBothEditsWhenTwoClientsChangeDifferentFieldsOfTheSameBase() {
    ObjectNode base = fields("title", "a", "done", false);
    DocumentVersion v = apply(null, write("c0", 100, base, Base.none()));

    v = apply(v, write("alice", 200, fields("title", "b", "done", false), Base.state(base, false)));
    v = apply(v, write("bob", 150, fields("title", "a", "done", true), Base.state(base, false)));

    assertThat(v.data()).isEqualTo(fields("title", "b", "done", true));
    assertThat(v.deleted()).isFalse();
  }

  @Test
  void shouldResolveTheSameFieldByClock() {
    ObjectNode base = fields("title", "a");
    DocumentVersion v = apply(null, write("c0", 100, base, Base.none()));

    v = apply(v, write("late", 300, fields("title", "late"), Base.state(base, false)));
    v = apply(v, write("early", 200, fields("title", "early"), Base.state(base, false)));

    assertThat(v.data()).isEqualTo(fields("title", "late"));
  }

  @Test
  void shouldRemoveAFieldMissingFromTheNewStateButPresentInTheBase() {
    ObjectNode base = fields("title", "a", "note", "x");
    DocumentVersion v = apply(null, write("c0", 100, base, Base.none()));

    v = apply(v, write("c1", 200, fields("title", "a"), Base.state(base, false)));

    assertThat(v.data()).isEqualTo(fields("title", "a"));
  }

  @Test
  void shouldLeaveOtherFieldsAloneForAWriteWithoutBase() {
    DocumentVersion v =
        apply(null, write("c0", 100, fields("title", "a", "note", "x"), Base.none()));

    v = apply(v, write("c1", 200, fields("title", "b"), Base.none()));

    assertThat(v.data()).isEqualTo(fields("title", "b", "note", "x"));
  }

  @Test
  void shouldRecreateWithOnlyTheFieldsWrittenAfterADelete() {
    ObjectNode base = fields("title", "a", "note", "x");
    DocumentVersion v = apply(null, write("c0", 100, base, Base.none()));

    v = apply(v, delete("del", 200, Base.none()));
    assertThat(v.deleted()).isTrue();
    v = apply(v, write("after", 300, fields("title", "a", "note", "y"), Base.state(base, false)));

    assertThat(v.deleted()).isFalse();
    assertThat(v.data()).isEqualTo(fields("note", "y"));
  }

  @Test
  void shouldStayDeletedWhenTheFieldWriteIsOlderThanTheDelete() {
    ObjectNode base = fields("title", "a");
    DocumentVersion v = apply(null, write("c0", 100, base, Base.none()));
    v = apply(v, delete("del", 300, Base.none()));

    Resolution r =
        Resolver.resolve(
            merge, v, write("older", 200, fields("title", "b"), Base.state(base, false)), 0, 9);

    assertThat(r.written()).isNull();
    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.SUPERSEDED);
    assertThat(v.deleted()).isTrue();
  }

  @Test
  void shouldNeverReportAConflict() {
    DocumentVersion v = apply(null, write("c0", 100, fields("title", "a"), Base.none()));

    Resolution r =
        Resolver.resolve(merge, v, write("c1", 200, fields("title", "z"), Base.rev("0-0")), 0, 9);

    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.ACCEPTED);
  }

  @Test
  void shouldKeepTheClocksInTheVersionAndNotInTheFields() {
    DocumentVersion v = apply(null, write("c0", 100, fields("title", "a"), Base.none()));

    assertThat(v.fieldStamps()).isNotNull();
    assertThat(v.fieldStamps().fields()).containsOnlyKeys("title");
    assertThat(v.data()).isEqualTo(fields("title", "a"));
  }

  @Test
  void shouldKeepTheIdOfADocumentRecreatedAfterADelete() {
    ObjectNode base = fields("id", "t1", "title", "a", "note", "x");
    DocumentVersion v = apply(null, write("c0", 100, base, Base.none()));
    v = apply(v, delete("del", 200, Base.none()));

    v =
        apply(
            v,
            write(
                "after",
                300,
                fields("id", "t1", "title", "a", "note", "y"),
                Base.state(base, false)));

    assertThat(v.data()).isEqualTo(fields("id", "t1", "note", "y"));
  }
}
