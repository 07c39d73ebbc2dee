package io.tributary.protocol.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
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
 * The laws that make {@code field-merge} replicas converge, for the whole policy including
 * counters: any order of delivery, and delivering changes again, give the same document. jqwik
 * prints the seed of a failing run; re-run it with {@code @Property(seed = "…")}.
 */
class FieldMergePropertiesTest {

  private static final List<String> FIELDS = List.of("a", "b", "c");

  private final ConflictPolicy merge = new FieldMerge();

  @Property(tries = 400)
  void anyArrivalOrderGivesTheSameDocument(
      @ForAll("writesAndDeletes") List<ChangeRecord> changes, @ForAll long shuffleSeed) {
    List<ChangeRecord> shuffled = new ArrayList<>(changes);
    Collections.shuffle(shuffled, new Random(shuffleSeed));

    assertThat(content(apply(shuffled))).isEqualTo(content(apply(changes)));
  }

  @Property(tries = 400)
  void deliveringChangesAgainChangesNothing(
      @ForAll("writesAndDeletes") List<ChangeRecord> changes, @ForAll long shuffleSeed) {
    List<ChangeRecord> twice = new ArrayList<>(changes);
    twice.addAll(changes);
    Collections.shuffle(twice, new Random(shuffleSeed));

    assertThat(content(apply(twice))).isEqualTo(content(apply(changes)));
  }

  @Property(tries = 400)
  void incrementsCommuteWithFieldWrites(
      @ForAll("writesAndIncrements") List<ChangeRecord> changes, @ForAll long shuffleSeed) {
    List<ChangeRecord> shuffled = new ArrayList<>(changes);
    Collections.shuffle(shuffled, new Random(shuffleSeed));

    assertThat(content(apply(shuffled))).isEqualTo(content(apply(changes)));
  }

  @Property(tries = 200)
  void counterAdditionIsCommutativeAndAssociative(
      @ForAll("numbers") double a, @ForAll("numbers") double b, @ForAll("numbers") double c) {
    var f = JsonNodeFactory.instance;

    assertThat(Counters.add(f.numberNode(a), f.numberNode(b)).decimalValue())
        .isEqualByComparingTo(Counters.add(f.numberNode(b), f.numberNode(a)).decimalValue());
    assertThat(
            Counters.add(Counters.add(f.numberNode(a), f.numberNode(b)), f.numberNode(c))
                .decimalValue())
        .isEqualByComparingTo(
            Counters.add(f.numberNode(a), Counters.add(f.numberNode(b), f.numberNode(c)))
                .decimalValue());
  }

  private DocumentVersion apply(List<ChangeRecord> changes) {
    DocumentVersion current = null;
    long offset = 0;
    for (ChangeRecord c : changes) {
      Resolution r = Resolver.resolve(merge, current, c, 0, offset++);
      if (r.written() != null) {
        current = r.written();
      }
    }
    return current;
  }

  /** What clients see: the fields and whether the document is deleted. */
  private static List<Object> content(DocumentVersion v) {
    return v == null ? List.of() : List.of(v.data(), v.deleted());
  }

  @Provide
  Arbitrary<List<ChangeRecord>> writesAndDeletes() {
    return Arbitraries.oneOf(write(), delete())
        .list()
        .ofMinSize(1)
        .ofMaxSize(8)
        .uniqueElements(ChangeRecord::changeId);
  }

  @Provide
  Arbitrary<List<ChangeRecord>> writesAndIncrements() {
    return Arbitraries.oneOf(write(), increment())
        .list()
        .ofMinSize(1)
        .ofMaxSize(8)
        .uniqueElements(ChangeRecord::changeId);
  }

  @Provide
  Arbitrary<Double> numbers() {
    return Arbitraries.doubles().between(-1e6, 1e6).ofScale(3);
  }

  private Arbitrary<ChangeRecord> write() {
    Arbitrary<ObjectNode> fields =
        Arbitraries.of(FIELDS)
            .set()
            .ofMinSize(1)
            .flatMap(
                names ->
                    Arbitraries.integers()
                        .between(0, 3)
                        .list()
                        .ofSize(names.size())
                        .map(
                            values -> {
                              ObjectNode n = JsonNodeFactory.instance.objectNode();
                              int i = 0;
                              for (String name : names) {
                                n.put(name, values.get(i++));
                              }
                              return n;
                            }));
    Arbitrary<ObjectNode> bases =
        Arbitraries.oneOf(Arbitraries.just((ObjectNode) null), fields.map(ObjectNode::deepCopy));
    return Combinators.combine(Arbitraries.longs().between(1, 6), fields, bases, id())
        .as(
            (time, data, base, id) ->
                Changes.write(
                    "w" + id, time, data, base == null ? Base.none() : Base.state(base, false)));
  }

  private Arbitrary<ChangeRecord> delete() {
    return Combinators.combine(Arbitraries.longs().between(1, 6), id())
        .as((time, id) -> Changes.delete("d" + id, time, Base.none()));
  }

  private Arbitrary<ChangeRecord> increment() {
    return Combinators.combine(
            Arbitraries.longs().between(1, 6),
            Arbitraries.of("n", "m"),
            Arbitraries.integers().between(-5, 5),
            id())
        .as(
            (time, field, n, id) ->
                Changes.write("i" + id, time, Changes.inc(field, n), Base.none()));
  }

  private static Arbitrary<String> id() {
    return Arbitraries.strings().alpha().ofLength(6);
  }
}
