package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.merge.LastWriterWins;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocKey;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.model.Outcome.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API's tenant reset as the topology applies it, and the per-collection counts. */
class TenantResetTest {

  private static final PolicyRegistry LWW = PolicyRegistry.uniform(new LastWriterWins());

  @TempDir Path stateDir;

  private static ChangeRecord reset(String tenant, long generation, String id) {
    return ChangeRecord.tenantReset(id, tenant, generation, 5000, "corr-" + id, 0);
  }

  @Test
  void shouldDeleteOnlyTheResetTenantsStateAndKeepItsGeneration() {
    try (DriverFixture projector = new DriverFixture(LWW, stateDir)) {
      // Given two tenants with documents, a tombstone and idempotency entries
      projector.send(Changes.write("t1", "todos", "a", "c1").data("v", "1"));
      projector.send(Changes.write("t1", "notes", "b", "c2").data("v", "2"));
      projector.send(Changes.write("t1", "notes", "c", "c3").delete());
      projector.send(Changes.write("t2", "todos", "a", "c1").data("v", "other"));
      projector.outcomes();
      projector.documents();
      StateStoreView store = StateStoreView.writable(projector.store());
      assertThat(store.counts("t1"))
          .containsEntry("todos", new StateStoreView.Counts(1, 0, 0))
          .containsKey("notes");
      assertThat(store.counts("t1").get("notes").documents()).isEqualTo(1);
      assertThat(store.counts("t1").get("notes").tombstones()).isEqualTo(1);

      // When t1 is reset to generation 1
      projector.send(reset("t1", 1, "reset-1"));

      // Then t1 has nothing left but its generation; t2 is untouched
      List<KeyValue<String, Outcome>> outcomes = projector.outcomes();
      assertThat(outcomes).hasSize(1);
      assertThat(outcomes.get(0).key).isEqualTo("corr-reset-1");
      assertThat(outcomes.get(0).value.status()).isEqualTo(Status.ACCEPTED);
      assertThat(outcomes.get(0).value.rev()).isEqualTo("1");
      assertThat(store.generation("t1")).isEqualTo(1);
      assertThat(store.generation("t2")).isZero();
      assertThat(store.document(new DocKey("t1", "todos", "a"))).isNull();
      assertThat(store.document(new DocKey("t1", "notes", "c"))).isNull();
      assertThat(store.collections("t1")).isEmpty();
      assertThat(store.counts("t1")).isEmpty();
      assertThat(store.outcome("t1", "c1")).isNull();
      assertThat(projector.scan("t1", -1, 100).versions()).isEmpty();
      assertThat(projector.scan("t1", -1, 100).generation()).isEqualTo(1);
      assertThat(store.document(new DocKey("t2", "todos", "a")).data().get("v").asText())
          .isEqualTo("other");
      assertThat(store.outcome("t2", "c1")).isNotNull();
      assertThat(projector.scan("t2", -1, 100).versions()).hasSize(1);
      assertThat(projector.scan("t2", -1, 100).generation()).isZero();
    }
  }

  @Test
  void shouldMarkTheResetOnDocumentsWithoutAValue() {
    try (DriverFixture projector = new DriverFixture(LWW, stateDir)) {
      projector.send(Changes.write("t1", "todos", "a", "c1").data("v", "1"));
      projector.documentRecords();

      projector.send(reset("t1", 3, "reset-3"));

      List<TestRecord<String, DocumentVersion>> marks = projector.documentRecords();
      assertThat(marks).hasSize(1);
      assertThat(marks.get(0).key()).isEqualTo("t1");
      assertThat(marks.get(0).value()).isNull();
      Header header =
          marks.get(0).headers().lastHeader(io.tributary.protocol.topic.Topics.TENANT_RESET_HEADER);
      assertThat(header).isNotNull();
      assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo("3");
    }
  }

  @Test
  void shouldApplyAChangeIdAgainAfterTheResetAsItsDedupeStateIsGone() {
    try (DriverFixture projector = new DriverFixture(LWW, stateDir)) {
      // Given a change applied once
      projector.send(Changes.write("t1", "todos", "a", "c1").data("v", "1"));
      projector.outcomes();
      projector.send(reset("t1", 1, "reset-1"));
      projector.outcomes();

      // When the client pushes its replica again with the same change id
      projector.send(Changes.write("t1", "todos", "a", "c1").data("v", "1").clock(9000));

      // Then it is written again, as a new document
      Outcome again = projector.outcomes().get(0).value;
      assertThat(again.status()).isEqualTo(Status.ACCEPTED);
      StateStoreView store = StateStoreView.writable(projector.store());
      assertThat(store.document(new DocKey("t1", "todos", "a"))).isNotNull();
      assertThat(store.counts("t1", "todos").documents()).isEqualTo(1);
      assertThat(projector.scan("t1", -1, 100).versions()).hasSize(1);
    }
  }

  @Test
  void shouldIgnoreAResetToAGenerationTheTenantAlreadyHas() {
    try (DriverFixture projector = new DriverFixture(LWW, stateDir)) {
      projector.send(reset("t1", 2, "reset-a"));
      projector.outcomes();
      projector.documentRecords();
      projector.send(Changes.write("t1", "todos", "a", "c1").data("v", "1").clock(9000));
      projector.outcomes();
      projector.documentRecords();

      // When an older or equal generation arrives (a concurrent or retried reset)
      projector.send(reset("t1", 1, "reset-b"));
      projector.send(reset("t1", 2, "reset-c"));

      // Then nothing is deleted, and both are answered with the tenant's generation
      assertThat(projector.outcomes()).extracting(kv -> kv.value.rev()).containsExactly("2", "2");
      StateStoreView store = StateStoreView.writable(projector.store());
      assertThat(store.document(new DocKey("t1", "todos", "a"))).isNotNull();
      assertThat(store.generation("t1")).isEqualTo(2);
      // The retried reset to the current generation marks again (a mark may have been lost)
      assertThat(projector.documentRecords()).hasSize(1);
    }
  }

  @Test
  void shouldCountEachWriteOnceAndMoveDocumentsBetweenLiveAndTombstone() {
    try (DriverFixture projector = new DriverFixture(LWW, stateDir)) {
      projector.send(Changes.write("t1", "todos", "a", "c1").data("v", "1").clock(1000));
      projector.send(Changes.write("t1", "todos", "b", "c2").data("v", "1").clock(1000));
      projector.send(Changes.write("t1", "todos", "a", "c3").data("v", "2").clock(2000));
      projector.send(Changes.write("t1", "todos", "b", "c4").delete().clock(3000));
      // a duplicate and a superseded write change nothing
      projector.send(Changes.write("t1", "todos", "a", "c3").data("v", "2").clock(2000));
      projector.send(Changes.write("t1", "todos", "a", "c5").data("v", "old").clock(10));

      StateStoreView.Counts counts =
          StateStoreView.writable(projector.store()).counts("t1", "todos");
      assertThat(counts.documents()).isEqualTo(1);
      assertThat(counts.tombstones()).isEqualTo(1);
    }
  }
}
