package io.tributary.protocol.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Stamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws that make {@code lww} replicas converge: whatever order the changes of one document
 * arrive in, and however often each arrives, the final document is the same. jqwik prints the seed
 * of a failing run; re-run it with {@code @Property(seed = "…")}.
 */
class LastWriterWinsPropertiesTest {

  private final ConflictPolicy lww = new LastWriterWins();

  @Property(tries = 300)
  void anyArrivalOrderGivesTheSameDocument(
      @ForAll("changes") List<ChangeRecord> changes, @ForAll long shuffleSeed) {
    List<ChangeRecord> shuffled = new ArrayList<>(changes);
    Collections.shuffle(shuffled, new Random(shuffleSeed));

    assertThat(content(apply(shuffled))).isEqualTo(content(apply(changes)));
  }

  @Property(tries = 300)
  void applyingChangesAgainChangesNothing(
      @ForAll("changes") List<ChangeRecord> changes, @ForAll long shuffleSeed) {
    List<ChangeRecord> twice = new ArrayList<>(changes);
    twice.addAll(changes);
    Collections.shuffle(twice, new Random(shuffleSeed));

    assertThat(content(apply(twice))).isEqualTo(content(apply(changes)));
  }

  @Property(tries = 300)
  void theWinnerIsTheGreatestStamp(@ForAll("changes") List<ChangeRecord> changes) {
    ChangeRecord greatest =
        changes.stream().max((a, b) -> Stamp.of(a).compareTo(Stamp.of(b))).orElseThrow();

    assertThat(apply(changes).changeId()).isEqualTo(greatest.changeId());
  }

  private DocumentVersion apply(List<ChangeRecord> changes) {
    DocumentVersion current = null;
    long offset = 0;
    for (ChangeRecord c : changes) {
      Resolution r = Resolver.resolve(lww, current, c, 0, offset++);
      if (r.written() != null) {
        current = r.written();
      }
    }
    return current;
  }

  /**
   * What clients see: fields, deleted flag and the change that made it (revs differ by position).
   */
  private static List<Object> content(DocumentVersion v) {
    return List.of(v.data(), v.deleted(), v.changeId());
  }

  @Provide
  Arbitrary<List<ChangeRecord>> changes() {
    Arbitrary<ChangeRecord> change =
        Combinators.combine(
                Arbitraries.longs().between(1, 5),
                Arbitraries.integers().between(0, 3),
                Arbitraries.strings().alpha().ofLength(1),
                Arbitraries.of(true, false, false))
            .as(
                (time, value, tag, delete) -> {
                  String id = "c-" + time + "-" + value + "-" + tag + "-" + delete;
                  return delete
                      ? Changes.delete(id, time, Base.none())
                      : Changes.write(id, time, Changes.data("v", value), Base.none());
                });
    return change.list().ofMinSize(1).ofMaxSize(8).uniqueElements(ChangeRecord::changeId);
  }
}
