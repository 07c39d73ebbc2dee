package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.merge.ClientResolves;
import io.tributary.protocol.merge.LastWriterWins;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.DocKey;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.model.Outcome.Status;
import io.tributary.protocol.query.PartitionSlice;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver topology end to end in a TopologyTestDriver. */
class ChangeResolutionTest {

  private static final PolicyRegistry LWW = PolicyRegistry.uniform(new LastWriterWins());
  private static final PolicyRegistry CAS = PolicyRegistry.uniform(new ClientResolves());

  @TempDir Path stateDir;

  @Test
  void shouldLetTheLaterClockWinWhenItArrivesFirst() {
    try (DriverFixture projector = new DriverFixture(LWW, stateDir)) {
      // Given the later write arrives first
      projector.send(Changes.write("t1", "todos", "a", "late").data("v", "late").clock(2000));
      // When the earlier write arrives
      projector.send(Changes.write("t1", "todos", "a", "early").data("v", "early").clock(1000));

      // Then the earlier one is answered SUPERSEDED with the winner, and the winner stays
      List<KeyValue<String, Outcome>> outcomes = projector.outcomes();
      assertThat(outcomes).hasSize(2);
      Outcome winner = outcomes.get(0).value;
      Outcome loser = outcomes.get(1).value;
      assertThat(winner.status()).isEqualTo(Status.ACCEPTED);
      assertThat(loser.status()).isEqualTo(Status.SUPERSEDED);
      assertThat(loser.correlationId()).isEqualTo("corr-early");
      assertThat(outcomes.get(1).key).isEqualTo("corr-early");
      assertThat(loser.rev()).isEqualTo(winner.rev());
      assertThat(loser.current().data().get("v").asText()).isEqualTo("late");
      assertThat(current(projector, "t1", "todos", "a").data().get("v").asText()).isEqualTo("late");
      assertThat(projector.documents()).hasSize(1);
    }
  }

  @Test
  void shouldLetTheLaterClockWinWhenItArrivesLast() {
    try (DriverFixture projector = new DriverFixture(LWW, stateDir)) {
      // Given the earlier write arrives first
      projector.send(Changes.write("t1", "todos", "a", "early").data("v", "early").clock(1000));
      // When the later write arrives
      projector.send(Changes.write("t1", "todos", "a", "late").data("v", "late").clock(2000));

      // Then both are accepted and the later one is current
      assertThat(projector.outcomes())
          .extracting(kv -> kv.value.status())
          .containsExactly(Status.ACCEPTED, Status.ACCEPTED);
      assertThat(current(projector, "t1", "todos", "a").data().get("v").asText()).isEqualTo("late");
      assertThat(projector.documents()).hasSize(2);
    }
  }

  @Test
  void shouldReturnConflictWithMasterWhenBaseRevIsStale() {
    try (DriverFixture projector = new DriverFixture(CAS, stateDir)) {
      // Given a document at rev r2 whose previous rev was r1
      projector.send(Changes.write("t1", "notes", "n", "c1").data("v", "1"));
      String r1 = projector.outcomes().get(0).value.rev();
      projector.send(Changes.write("t1", "notes", "n", "c2").data("v", "2").base(Base.rev(r1)));
      Outcome second = projector.outcomes().get(0).value;
      assertThat(second.status()).isEqualTo(Status.ACCEPTED);

      // When a client writes on top of r1
      projector.send(Changes.write("t1", "notes", "n", "c3").data("v", "3").base(Base.rev(r1)));

      // Then it gets a conflict carrying the master at r2, and nothing is written
      Outcome conflict = projector.outcomes().get(0).value;
      assertThat(conflict.status()).isEqualTo(Status.CONFLICT);
      assertThat(conflict.current().rev()).isEqualTo(second.rev());
      assertThat(conflict.current().data().get("v").asText()).isEqualTo("2");
      assertThat(current(projector, "t1", "notes", "n").rev()).isEqualTo(second.rev());
    }
  }

  @Test
  void shouldReturnConflictWhenAssumedStateIsStale() {
    try (DriverFixture projector = new DriverFixture(CAS, stateDir)) {
      // Given a document with v=2
      projector.send(Changes.write("t1", "notes", "n", "c1").data("v", "2"));
      projector.outcomes();

      // When a client assumes v=1
      projector.send(
          Changes.write("t1", "notes", "n", "c2")
              .data("v", "3")
              .base(Base.state(Changes.fields("id", "n", "v", "1"), false)));

      // Then it conflicts with the master
      Outcome conflict = projector.outcomes().get(0).value;
      assertThat(conflict.status()).isEqualTo(Status.CONFLICT);
      assertThat(conflict.current().data().get("v").asText()).isEqualTo("2");
    }
  }

  @Test
  void shouldAcceptWhenBaseMatchesTheMaster() {
    try (DriverFixture projector = new DriverFixture(CAS, stateDir)) {
      // Given a document with v=1
      projector.send(Changes.write("t1", "notes", "n", "c1").data("v", "1"));
      String rev = projector.outcomes().get(0).value.rev();

      // When clients write on top of exactly that state, then that rev
      projector.send(
          Changes.write("t1", "notes", "n", "c2")
              .data("v", "2")
              .base(Base.state(Changes.fields("id", "n", "v", "1"), false)));
      Outcome byState = projector.outcomes().get(0).value;
      projector.send(
          Changes.write("t1", "notes", "n", "c3").data("v", "3").base(Base.rev(byState.rev())));

      // Then both are accepted and the last is current
      assertThat(byState.status()).isEqualTo(Status.ACCEPTED);
      assertThat(byState.rev()).isNotEqualTo(rev);
      assertThat(projector.outcomes().get(0).value.status()).isEqualTo(Status.ACCEPTED);
      assertThat(current(projector, "t1", "notes", "n").data().get("v").asText()).isEqualTo("3");
    }
  }

  @Test
  void shouldScanADeletedVersionAfterADelete() {
    try (DriverFixture projector = new DriverFixture(LWW, stateDir)) {
      // Given a document
      projector.send(Changes.write("t1", "todos", "a", "c1").data("v", "1").clock(1000));

      // When it is deleted
      projector.send(Changes.write("t1", "todos", "a", "c2").delete().clock(2000));

      // Then the scan returns it once, as a tombstone with the fields its delete carried
      PartitionSlice slice = projector.scan("t1", -1, 10);
      assertThat(slice.versions()).hasSize(1);
      DocumentVersion tombstone = slice.versions().get(0);
      assertThat(tombstone.deleted()).isTrue();
      assertThat(tombstone.offset()).isEqualTo(1);
      assertThat(tombstone.data()).isEqualTo(Changes.fields("id", "a"));
      assertThat(projector.documents())
          .extracting(kv -> kv.value.deleted())
          .containsExactly(false, true);
    }
  }

  @Test
  void shouldRecreateADocumentAfterItsDelete() {
    try (DriverFixture projector = new DriverFixture(LWW, stateDir)) {
      // Given a deleted document
      projector.send(Changes.write("t1", "todos", "a", "c1").data("v", "1").clock(1000));
      projector.send(Changes.write("t1", "todos", "a", "c2").delete().clock(2000));

      // When it is written again
      projector.send(Changes.write("t1", "todos", "a", "c3").data("v", "again").clock(3000));

      // Then the scan returns the live version only
      PartitionSlice slice = projector.scan("t1", -1, 10);
      assertThat(slice.versions())
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.deleted()).isFalse();
                assertThat(v.data().get("v").asText()).isEqualTo("again");
                assertThat(v.offset()).isEqualTo(2);
              });
    }
  }

  @Test
  void shouldApplyADuplicateChangeIdOnceAndRepeatTheFirstAnswer() {
    try (DriverFixture projector = new DriverFixture(LWW, stateDir)) {
      // Given a change that was applied
      projector.send(Changes.write("t1", "todos", "a", "c1").data("v", "1").reply("first", 0));

      // When the same change id is pushed again on another correlation id
      projector.send(Changes.write("t1", "todos", "a", "c1").data("v", "1").reply("second", 0));

      // Then one version exists and the second answer is the first, addressed to "second"
      List<KeyValue<String, Outcome>> outcomes = projector.outcomes();
      assertThat(outcomes).hasSize(2);
      assertThat(outcomes.get(1).key).isEqualTo("second");
      assertThat(outcomes.get(1).value)
          .isEqualTo(outcomes.get(0).value.withCorrelationId("second"));
      assertThat(projector.documents()).hasSize(1);
      assertThat(projector.scan("t1", -1, 10).versions()).hasSize(1);
      assertThat(projector.scan("t1", -1, 10).watermark()).isEqualTo(1);
    }
  }

  @Test
  void shouldNotReplyToAChangeThatWantsNoReply() {
    try (DriverFixture projector = new DriverFixture(LWW, stateDir)) {
      // When a change without correlation id is processed
      projector.send(Changes.write("t1", "todos", "a", "c1").reply(null, -1));

      // Then its version is written but no outcome is sent
      assertThat(projector.outcomes()).isEmpty();
      assertThat(projector.documents()).hasSize(1);
    }
  }

  @Test
  void shouldSkipAnUndecodableRecordAndGoOn() {
    try (DriverFixture projector = new DriverFixture(LWW, stateDir)) {
      // Given a poison record on changes
      projector.sendRaw("t1/todos/a".getBytes(), "{not json".getBytes());

      // When a valid change follows
      projector.send(Changes.write("t1", "todos", "b", "c1"));

      // Then the valid change is applied
      assertThat(projector.outcomes())
          .singleElement()
          .satisfies(kv -> assertThat(kv.value.status()).isEqualTo(Status.ACCEPTED));
      assertThat(projector.scan("t1", -1, 10).versions())
          .extracting(DocumentVersion::id)
          .containsExactly("b");
    }
  }

  private static DocumentVersion current(
      DriverFixture projector, String tenant, String collection, String id) {
    return StateStoreView.readOnly(projector.store()).document(new DocKey(tenant, collection, id));
  }
}
