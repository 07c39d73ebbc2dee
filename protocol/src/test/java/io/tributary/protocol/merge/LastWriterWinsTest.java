package io.tributary.protocol.merge;

import static io.tributary.protocol.merge.Changes.data;
import static io.tributary.protocol.merge.Changes.delete;
import static io.tributary.protocol.merge.Changes.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import org.junit.jupiter.api.Test;

class LastWriterWinsTest {

  private final ConflictPolicy lww = new LastWriterWins();

  @Test
  void shouldWriteTheFirstVersion() {
    Resolution r =
        Resolver.resolve(lww, null, write("c1", 100, data("title", "a"), Base.none()), 3, 7);

    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.ACCEPTED);
    assertThat(r.written().data()).isEqualTo(data("title", "a"));
    assertThat(r.written().position()).isEqualTo(new io.tributary.protocol.model.Position(3, 7));
    assertThat(r.outcome().rev()).isEqualTo(r.written().rev());
  }

  @Test
  void shouldReportAnEarlierWriteThatArrivesLateAsSupersededByTheWinner() {
    DocumentVersion current =
        Resolver.resolve(lww, null, write("late-clock", 200, data("title", "b"), Base.none()), 0, 1)
            .written();

    Resolution r =
        Resolver.resolve(
            lww, current, write("early-clock", 100, data("title", "a"), Base.none()), 0, 2);

    assertThat(r.written()).isNull();
    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.SUPERSEDED);
    assertThat(r.outcome().current()).isEqualTo(current);
    assertThat(r.outcome().rev()).isEqualTo(current.rev());
  }

  @Test
  void shouldMakeAnEmptyTombstoneWhenTheDeleteCarriesNoFields() {
    DocumentVersion current =
        Resolver.resolve(lww, null, write("c1", 100, data("title", "a"), Base.none()), 0, 1)
            .written();

    DocumentVersion tombstone =
        Resolver.resolve(lww, current, delete("c2", 200, Base.none()), 0, 2).written();

    assertThat(tombstone.deleted()).isTrue();
    assertThat(tombstone.data()).isEmpty();
  }

  @Test
  void shouldLetALaterWriteRecreateADeletedDocument() {
    DocumentVersion tombstone =
        Resolver.resolve(lww, null, delete("c1", 100, Base.none()), 0, 1).written();

    Resolution r =
        Resolver.resolve(lww, tombstone, write("c2", 200, data("title", "new"), Base.none()), 0, 2);

    assertThat(r.written().deleted()).isFalse();
    assertThat(r.written().data()).isEqualTo(data("title", "new"));
  }

  @Test
  void shouldTreatTheSameChangeAppliedTwiceAsSuperseded() {
    var change = write("c1", 100, data("title", "a"), Base.none());
    DocumentVersion current = Resolver.resolve(lww, null, change, 0, 1).written();

    assertThat(Resolver.resolve(lww, current, change, 0, 2).written()).isNull();
  }
}
