package io.tributary.examples.priority;

import static io.tributary.examples.priority.Fixtures.delete;
import static io.tributary.examples.priority.Fixtures.fields;
import static io.tributary.examples.priority.Fixtures.live;
import static io.tributary.examples.priority.Fixtures.version;
import static io.tributary.examples.priority.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.merge.Decision;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The rules of {@code priority} over arbitrary documents and writes. jqwik prints the seed of a
 * failing run; re-run it with {@code @Property(seed = "…")}.
 */
class PriorityPolicyPropertiesTest {

  private final PriorityPolicy policy = new PriorityPolicy(PriorityPolicy.DEFAULT_FIELD, Set.of());

  @Property
  void aDeleteIsAlwaysWritten(
      @ForAll("currents") DocumentVersion current, @ForAll @LongRange(min = 1) long lwwTime) {
    Decision decision = policy.decide(current, delete("d", lwwTime));

    assertThat(decision)
        .isInstanceOfSatisfying(Decision.Write.class, w -> assertThat(w.deleted()).isTrue());
  }

  @Property
  void aLowerPriorityNeverReplacesALiveDocument(
      @ForAll @IntRange(min = -50, max = 50) int currentPriority,
      @ForAll @IntRange(min = 1, max = 50) int below,
      @ForAll @LongRange(min = 1) long currentTime,
      @ForAll @LongRange(min = 1) long changeTime) {
    DocumentVersion current = live("c", currentTime, fields(currentPriority, "current"));

    Decision decision =
        policy.decide(current, write("w", changeTime, fields(currentPriority - below, "w")));

    assertThat(decision).isEqualTo(new Decision.Conflict());
  }

  @Property
  void aHigherPriorityAlwaysReplacesTheDocumentWithItsOwnFields(
      @ForAll @IntRange(min = -50, max = 50) int currentPriority,
      @ForAll @IntRange(min = 1, max = 50) int above,
      @ForAll @LongRange(min = 1) long currentTime,
      @ForAll @LongRange(min = 1) long changeTime) {
    DocumentVersion current = live("c", currentTime, fields(currentPriority, "current"));
    ObjectNode data = fields(currentPriority + above, "w");

    assertThat(policy.decide(current, write("w", changeTime, data)))
        .isEqualTo(new Decision.Write(data, false));
  }

  @Property
  void aLiveDocumentsPriorityNeverDecreasesUntilItIsDeleted(
      @ForAll("writes") List<ChangeRecord> writes) {
    DocumentVersion current = null;
    for (ChangeRecord change : writes) {
      DocumentVersion next = apply(current, change);
      if (current != null) {
        assertThat(policy.priority(next.data()))
            .isGreaterThanOrEqualTo(policy.priority(current.data()));
      }
      current = next;
    }
  }

  @Property
  void writesOfEqualPriorityConvergeWhateverTheArrivalOrder(
      @ForAll @IntRange(min = -5, max = 5) int priority,
      @ForAll @LongRange(min = 1, max = 1000) long firstTime,
      @ForAll @LongRange(min = 1, max = 1000) long secondTime) {
    ChangeRecord a = write("a", firstTime, fields(priority, "a"));
    ChangeRecord b = write("b", secondTime, fields(priority, "b"));

    DocumentVersion ab = apply(apply(null, a), b);
    DocumentVersion ba = apply(apply(null, b), a);

    assertThat(ab.data()).isEqualTo(ba.data());
  }

  @Property
  void theSameInputsAlwaysGiveTheSameDecision(
      @ForAll("currents") DocumentVersion current, @ForAll("writes") List<ChangeRecord> writes) {
    for (ChangeRecord change : writes) {
      assertThat(policy.decide(current, change)).isEqualTo(policy.decide(current, change));
    }
  }

  /** The version after {@code change}, as the server stores it: unchanged unless written. */
  private DocumentVersion apply(DocumentVersion current, ChangeRecord change) {
    Decision decision = policy.decide(current, change);
    if (decision instanceof Decision.Write w) {
      return version(change.changeId(), change.lwwTime(), w.data(), w.deleted());
    }
    return current;
  }

  @Provide
  Arbitrary<List<ChangeRecord>> writes() {
    return Combinators.combine(
            Arbitraries.integers().between(-3, 3),
            Arbitraries.longs().between(1, 1_000),
            Arbitraries.strings().alpha().ofLength(6))
        .as((p, t, id) -> write(id, t, fields(p, "w" + id)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(20);
  }

  @Provide
  Arbitrary<DocumentVersion> currents() {
    Arbitrary<DocumentVersion> live =
        Combinators.combine(
                Arbitraries.integers().between(-3, 3), Arbitraries.longs().between(1, 1_000))
            .as((p, t) -> live("c", t, fields(p, "current")));
    Arbitrary<DocumentVersion> gone =
        Arbitraries.longs().between(1, 1_000).map(t -> Fixtures.tombstone("c", t));
    return Arbitraries.oneOf(live, gone).injectNull(0.1);
  }
}
