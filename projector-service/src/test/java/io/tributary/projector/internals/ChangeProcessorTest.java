package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.merge.LastWriterWins;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocKey;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.model.Outcome.Status;
import io.tributary.protocol.model.Revisions;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The crash-reprocessing rules, driven at chosen offsets through a mock context. */
class ChangeProcessorTest {

  private static final String TOPIC = "tributary.changes";
  private static final int PARTITION = 3;

  private MockProcessorContext<String, Emission> context;
  private KeyValueStore<Bytes, byte[]> raw;
  private StateStoreView store;
  private ChangeProcessor processor;

  @BeforeEach
  void setUp() {
    context = new MockProcessorContext<>();
    raw = InMemoryState.attachTo(context);
    store = StateStoreView.writable(raw);
    processor = new ChangeProcessor(PolicyRegistry.uniform(new LastWriterWins()));
    processor.init(context);
  }

  @Test
  void shouldNotApplyAgainARecordAtOrBelowTheWatermark() {
    // Given a change applied at offset 5, then a later one at offset 6
    process(Changes.write("t1", "todos", "a", "c1").data("v", "1").clock(1000), 5);
    process(Changes.write("t1", "todos", "a", "c2").data("v", "2").clock(2000), 6);
    context.resetForwards();

    // When the record at offset 5 is processed again after a crash, on a retried push
    process(
        Changes.write("t1", "todos", "a", "c1").data("v", "1").clock(1000).reply("retry", 2), 5);

    // Then nothing changes and the stored outcome is re-sent to the new correlation id
    assertThat(store.document(new DocKey("t1", "todos", "a")).offset()).isEqualTo(6);
    assertThat(store.watermark()).isEqualTo(6);
    List<CapturedForward<? extends String, ? extends Emission>> sent = context.forwarded();
    assertThat(sent)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.childName()).contains(ProjectorTopology.OUTCOMES_SINK);
              assertThat(f.record().key()).isEqualTo("retry");
              Emission.Reply reply = (Emission.Reply) f.record().value();
              assertThat(reply.replyPartition()).isEqualTo(2);
              assertThat(reply.outcome().status()).isEqualTo(Status.ACCEPTED);
              assertThat(reply.outcome().rev()).isEqualTo(Revisions.of(PARTITION, 5));
            });
  }

  @Test
  void shouldReemitTheVersionWhenTheReprocessedRecordIsStillCurrent() {
    // Given a change applied at offset 5
    process(Changes.write("t1", "todos", "a", "c1").data("v", "1"), 5);
    context.resetForwards();

    // When it is processed again at the same offset
    process(Changes.write("t1", "todos", "a", "c1").data("v", "1"), 5);

    // Then its outcome and its version are sent again, identical
    assertThat(context.forwarded())
        .extracting(f -> f.childName().orElseThrow())
        .containsExactly(ProjectorTopology.OUTCOMES_SINK, ProjectorTopology.DOCUMENTS_SINK);
    DocumentVersion version =
        ((Emission.Version) context.forwarded().get(1).record().value()).version();
    assertThat(version.offset()).isEqualTo(5);
    assertThat(store.watermark()).isEqualTo(5);
  }

  @Test
  void shouldCompleteTheWritesWhenACrashKeptOnlyTheDocument() {
    // Given a crash that kept only D of the change at offset 7 (no I, C, X, and W at 4)
    ChangeRecord change = Changes.write("t1", "todos", "a", "c1").data("v", "1").build();
    DocumentVersion written =
        new DocumentVersion(
            "t1",
            "todos",
            "a",
            change.data(),
            false,
            Revisions.of(PARTITION, 7),
            PARTITION,
            7,
            change.hlc(),
            change.lwwTime(),
            "c1");
    store.putWatermark(4);
    store.putDocument(written);

    // When the change is processed again
    processor.process(record(change, 7));

    // Then it is answered ACCEPTED with the stored rev and the remaining writes are made
    Outcome outcome = store.outcome("t1", "c1");
    assertThat(outcome.status()).isEqualTo(Status.ACCEPTED);
    assertThat(outcome.rev()).isEqualTo(written.rev());
    assertThat(store.watermark()).isEqualTo(7);
    assertThat(store.collections("t1")).containsExactly("todos");
    assertThat(PartitionScanner.scan(raw, "t1", null, -1, 10).versions()).containsExactly(written);
    assertThat(context.forwarded()).hasSize(2);
  }

  @Test
  void shouldResendTheVersionWhenACrashKeptEverythingButTheWatermark() {
    // Given a change applied at offset 7 whose watermark write was lost (W back at 6)
    process(Changes.write("t1", "todos", "a", "c1").data("v", "1"), 7);
    Outcome first = store.outcome("t1", "c1");
    store.putWatermark(6);
    context.resetForwards();

    // When it is processed again
    process(Changes.write("t1", "todos", "a", "c1").data("v", "1"), 7);

    // Then the same outcome and the version are sent again, and W moves to 7
    List<Emission> sent =
        context.forwarded().stream().<Emission>map(f -> f.record().value()).toList();
    assertThat(sent)
        .containsExactly(
            new Emission.Reply(first, 0),
            new Emission.Version(store.document(new DocKey("t1", "todos", "a"))));
    assertThat(store.outcome("t1", "c1")).isEqualTo(first);
    assertThat(store.watermark()).isEqualTo(7);
  }

  @Test
  void shouldRecomputeTheDecisionWhenACrashKeptNothing() {
    // Given a change at offset 7 whose writes were all lost (W at 6, D untouched)
    store.putWatermark(6);

    // When it is processed
    process(Changes.write("t1", "todos", "a", "c1").data("v", "1"), 7);

    // Then it is applied as new
    assertThat(store.document(new DocKey("t1", "todos", "a")).rev())
        .isEqualTo(Revisions.of(PARTITION, 7));
    assertThat(store.outcome("t1", "c1").status()).isEqualTo(Status.ACCEPTED);
  }

  @Test
  void shouldRejectARecordOfAnUnknownFormatVersion() {
    // Given a change record written by a newer ingest tier
    ChangeRecord base = Changes.write("t1", "todos", "a", "c1").build();
    ChangeRecord future =
        new ChangeRecord(
            ChangeRecord.CURRENT_VERSION + 1,
            base.changeId(),
            base.tenant(),
            base.collection(),
            base.recordId(),
            base.type(),
            base.data(),
            base.base(),
            base.hlc(),
            base.lwwTime(),
            null,
            base.correlationId(),
            base.replyPartition());

    // When it is processed
    processor.process(record(future, 0));

    // Then it is rejected and nothing is written but the watermark
    Emission.Reply reply = (Emission.Reply) context.forwarded().get(0).record().value();
    assertThat(reply.outcome().status()).isEqualTo(Status.REJECTED);
    assertThat(reply.outcome().errorCode()).isEqualTo("unsupported_version");
    assertThat(store.document(new DocKey("t1", "todos", "a"))).isNull();
    assertThat(store.watermark()).isZero();
  }

  private void process(Changes change, long offset) {
    processor.process(record(change.build(), offset));
  }

  private Record<String, ChangeRecord> record(ChangeRecord change, long offset) {
    context.setRecordMetadata(TOPIC, PARTITION, offset);
    return new Record<>(change.key().toKafkaKey(), change, change.hlc());
  }
}
