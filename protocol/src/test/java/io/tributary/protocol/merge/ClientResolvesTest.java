package io.tributary.protocol.merge;

import static io.tributary.protocol.merge.Changes.data;
import static io.tributary.protocol.merge.Changes.delete;
import static io.tributary.protocol.merge.Changes.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientResolvesTest {

  private final ConflictPolicy cas = new ClientResolves(Set.of("updatedAt"));

  private DocumentVersion master() {
    return Resolver.resolve(cas, null, write("c1", 100, data("title", "a"), Base.none()), 0, 1)
        .written();
  }

  @Test
  void shouldWriteWhenTheBaseRevIsCurrent() {
    DocumentVersion master = master();

    Resolution r =
        Resolver.resolve(
            cas, master, write("c2", 50, data("title", "b"), Base.rev(master.rev())), 0, 2);

    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.ACCEPTED);
    assertThat(r.written().data()).isEqualTo(data("title", "b"));
  }

  @Test
  void shouldReturnConflictWithTheMasterWhenTheBaseRevIsStale() {
    DocumentVersion master = master();

    Resolution r =
        Resolver.resolve(cas, master, write("c2", 500, data("title", "b"), Base.rev("0-0")), 0, 2);

    assertThat(r.written()).isNull();
    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.CONFLICT);
    assertThat(r.outcome().current()).isEqualTo(master);
  }

  @Test
  void shouldCompareAssumedStatesIgnoringServerFields() {
    DocumentVersion master = master();
    ObjectNode assumed = data("title", "a");
    assumed.put("updatedAt", 12345);

    Resolution r =
        Resolver.resolve(
            cas, master, write("c2", 1, data("title", "b"), Base.state(assumed, false)), 0, 2);

    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.ACCEPTED);
  }

  @Test
  void shouldConflictWhenTheAssumedStateDiffers() {
    Resolution r =
        Resolver.resolve(
            cas,
            master(),
            write("c2", 1, data("title", "b"), Base.state(data("title", "x"), false)),
            0,
            2);

    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.CONFLICT);
  }

  @Test
  void shouldConflictWhenTheClientAssumesAbsenceOfAnExistingDocumentEvenATombstone() {
    DocumentVersion tombstone =
        Resolver.resolve(
                cas, master(), delete("c2", 1, Base.state(data("title", "a"), false)), 0, 2)
            .written();

    Resolution r =
        Resolver.resolve(
            cas, tombstone, write("c3", 1, data("title", "z"), Base.assumedAbsent()), 0, 3);

    assertThat(tombstone.deleted()).isTrue();
    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.CONFLICT);
    assertThat(r.outcome().current()).isEqualTo(tombstone);
  }

  @Test
  void shouldWriteAnythingWhenNoDocumentExists() {
    Resolution r =
        Resolver.resolve(cas, null, write("c1", 1, data("title", "a"), Base.rev("9-9")), 0, 1);

    assertThat(r.outcome().status()).isEqualTo(Outcome.Status.ACCEPTED);
  }

  @Test
  void shouldLetAChangeWithoutBaseWriteOverATombstoneButNotOverALiveDocument() {
    DocumentVersion master = master();
    DocumentVersion tombstone =
        Resolver.resolve(cas, master, delete("c2", 1, Base.rev(master.rev())), 0, 2).written();

    assertThat(
            Resolver.resolve(cas, master, write("c3", 1, data("t", 1), Base.none()), 0, 3)
                .outcome()
                .status())
        .isEqualTo(Outcome.Status.CONFLICT);
    assertThat(
            Resolver.resolve(cas, tombstone, write("c3", 1, data("t", 1), Base.none()), 0, 3)
                .outcome()
                .status())
        .isEqualTo(Outcome.Status.ACCEPTED);
  }
}
