package io.tributary.protocol.merge;

import static io.tributary.protocol.merge.Changes.data;
import static io.tributary.protocol.merge.Changes.delete;
import static io.tributary.protocol.merge.Changes.inc;
import static io.tributary.protocol.merge.Changes.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResolverCountersTest {

  private long offset;

  private Resolution resolve(ConflictPolicy policy, DocumentVersion current, ChangeRecord change) {
    return Resolver.resolve(policy, current, change, 0, offset++);
  }

  private DocumentVersion apply(
      ConflictPolicy policy, DocumentVersion current, ChangeRecord change) {
    Resolution r = resolve(policy, current, change);
    return r.written() != null ? r.written() : current;
  }

  private static ObjectNode with(ObjectNode node, String field, Object value) {
    ObjectNode copy = node.deepCopy();
    copy.set(field, Json.mapper().valueToTree(value));
    return copy;
  }

  @Test
  void shouldAddIncrementsWithoutTouchingOtherFieldsUnderLww() {
    ConflictPolicy lww = new LastWriterWins();
    DocumentVersion v = apply(lww, null, write("c0", 100, data("title", "a"), Base.none()));

    v = apply(lww, v, write("i1", 50, with(inc("likes", 2), "id", "t1"), Base.none()));
    v = apply(lww, v, write("i2", 60, inc("likes", 3), Base.none()));

    assertThat(v.data()).isEqualTo(with(with(data("title", "a"), "id", "t1"), "likes", 5L));
    assertThat(v.counters()).containsExactly("likes");
  }

  @Test
  void shouldLeaveTheLwwStampOfTheLastRealWriteWhenOnlyCountersMove() {
    ConflictPolicy lww = new LastWriterWins();
    DocumentVersion v = apply(lww, null, write("c0", 100, data("title", "a"), Base.none()));
    v = apply(lww, v, write("i1", 900, inc("likes", 1), Base.none()));

    Resolution later = resolve(lww, v, write("c2", 200, data("title", "b"), Base.none()));

    assertThat(later.outcome().status()).isEqualTo(Outcome.Status.ACCEPTED);
    assertThat(later.written().data()).isEqualTo(with(data("title", "b"), "likes", 1L));
  }

  @Test
  void shouldLetAnIncrementOnlyWritePassTheClientResolvesBaseCheck() {
    ConflictPolicy cas = new ClientResolves(Set.of());
    DocumentVersion v = apply(cas, null, write("c0", 100, data("title", "a"), Base.none()));

    Resolution r = resolve(cas, v, write("i1", 100, inc("likes", 1), Base.rev("stale-rev")));

    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.ACCEPTED);
    assertThat(r.written().data().get("likes").asLong()).isEqualTo(1);
  }

  @Test
  void shouldReplaceACounterWithAPlainNumberAndAddLaterIncrementsToIt() {
    ConflictPolicy lww = new LastWriterWins();
    DocumentVersion v = apply(lww, null, write("i0", 100, inc("likes", 7), Base.none()));

    v = apply(lww, v, write("set", 200, with(data("title", "a"), "likes", 100), Base.none()));
    v = apply(lww, v, write("i1", 50, inc("likes", 1), Base.none()));

    assertThat(v.data().get("likes").asLong()).isEqualTo(101);
  }

  @Test
  void shouldNotTreatACounterValueCarriedFromTheBaseAsAReplacement() {
    ConflictPolicy cas = new ClientResolves(Set.of());
    DocumentVersion v = apply(cas, null, write("c0", 100, data("title", "a"), Base.none()));
    v = apply(cas, v, write("i1", 100, inc("likes", 1), Base.none()));
    ObjectNode seen = with(data("title", "a"), "likes", 1);
    v = apply(cas, v, write("i2", 100, inc("likes", 1), Base.none()));

    // The client edits the title from the state it saw, carrying the stale counter value along
    Resolution r =
        resolve(
            cas,
            v,
            write("edit", 300, with(data("title", "b"), "likes", 1), Base.state(seen, false)));

    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.ACCEPTED);
    assertThat(r.written().data()).isEqualTo(with(data("title", "b"), "likes", 2L));
  }

  @Test
  void shouldKeepACounterThatAWholeDocumentWriteOmits() {
    ConflictPolicy lww = new LastWriterWins();
    DocumentVersion v = apply(lww, null, write("i0", 100, inc("likes", 4), Base.none()));

    v = apply(lww, v, write("c1", 200, data("title", "x"), Base.none()));

    assertThat(v.data()).isEqualTo(with(data("title", "x"), "likes", 4L));
  }

  @Test
  void shouldClearCountersWhenADeleteWins() {
    ConflictPolicy lww = new LastWriterWins();
    DocumentVersion v = apply(lww, null, write("i0", 100, inc("likes", 4), Base.none()));

    v = apply(lww, v, delete("d", 200, Base.none()));

    assertThat(v.deleted()).isTrue();
    assertThat(v.counters()).isEmpty();
    assertThat(v.data().has("likes")).isFalse();
  }

  @Test
  void shouldStillCountTheIncrementsOfASupersededWrite() {
    ConflictPolicy lww = new LastWriterWins();
    DocumentVersion v = apply(lww, null, write("c0", 300, data("title", "new"), Base.none()));

    Resolution r =
        resolve(
            lww,
            v,
            write(
                "old",
                100,
                with(data("title", "old"), "likes", inc("likes", 1).get("likes")),
                Base.none()));

    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.SUPERSEDED);
    assertThat(r.written().data()).isEqualTo(with(data("title", "new"), "likes", 1L));
  }

  @Test
  void shouldRefuseAMalformedIncrement() {
    ObjectNode bad = data("likes", null);
    bad.putObject("likes").put(Counters.INCREMENT, "one");

    Resolution r = resolve(new LastWriterWins(), null, write("c0", 100, bad, Base.none()));

    assertThat(r.written()).isNull();
    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.REJECTED);
    assertThat(r.outcome().errorCode()).isEqualTo("invalid_increment");
  }

  @Test
  void shouldStartACounterFromTheFieldsCurrentPlainValueUnderAWholeDocumentWrite() {
    ConflictPolicy lww = new LastWriterWins();
    DocumentVersion v =
        apply(lww, null, write("c0", 100, with(data("title", "a"), "likes", 10), Base.none()));

    // An RxDB row: the whole document, its counter field as an increment
    v =
        apply(
            lww,
            v,
            write(
                "c1",
                200,
                with(data("title", "a"), "likes", inc("likes", 2).get("likes")),
                Base.none()));

    assertThat(v.data().get("likes").asLong()).isEqualTo(12);
    assertThat(v.counters()).containsExactly("likes");
  }
}
