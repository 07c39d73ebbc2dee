package io.tributary.projector.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.merge.LastWriterWins;
import io.tributary.protocol.model.DocKey;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.query.PartitionSlice;
import io.tributary.protocol.topic.CodecException;
import io.tributary.protocol.topic.Topics;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scan semantics of docs/internals.md over one partition's store. */
class PartitionScannerTest {

  private KeyValueStore<Bytes, byte[]> raw;
  private StateStoreView store;
  private ChangeApplier applier;
  private long nextOffset;

  @BeforeEach
  void setUp() {
    raw = InMemoryState.standalone();
    store = StateStoreView.writable(raw);
    applier = new ChangeApplier(PolicyRegistry.uniform(new LastWriterWins()));
  }

  @Test
  void shouldNeverReturnAVersionAboveTheWatermarkReadBeforeTheScan() {
    // Given versions at offsets 0 and 1, then a version at 2 whose watermark write is not done yet
    apply(Changes.write("t1", "todos", "a", "c1"));
    apply(Changes.write("t1", "todos", "b", "c2"));
    DocumentVersion pending = version("t1", "todos", "c", 2);
    store.putDocument(pending);
    store.putIndex(pending);

    // When scanning from the start
    PartitionSlice slice = PartitionScanner.scan(raw, "t1", null, -1, 10);

    // Then only positions up to the watermark are returned, and the watermark is 1
    assertThat(slice.watermark()).isEqualTo(1);
    assertThat(slice.versions()).extracting(DocumentVersion::offset).containsExactly(0L, 1L);
    assertThat(slice.exhausted()).isTrue();
  }

  @Test
  void shouldReturnOnlyVersionsAfterTheGivenPosition() {
    apply(Changes.write("t1", "todos", "a", "c1"));
    apply(Changes.write("t1", "todos", "b", "c2"));
    apply(Changes.write("t1", "todos", "c", "c3"));

    PartitionSlice slice = PartitionScanner.scan(raw, "t1", null, 1, 10);

    assertThat(slice.versions()).extracting(DocumentVersion::id).containsExactly("c");
  }

  @Test
  void shouldStopAtTheLimitAndSayItIsNotExhausted() {
    // Given three documents
    apply(Changes.write("t1", "todos", "a", "c1"));
    apply(Changes.write("t1", "todos", "b", "c2"));
    apply(Changes.write("t1", "todos", "c", "c3"));

    // When scanning with limit 2, then on from the last one returned
    PartitionSlice page1 = PartitionScanner.scan(raw, "t1", null, -1, 2);
    PartitionSlice page2 = PartitionScanner.scan(raw, "t1", null, 1, 2);

    // Then the first page is full and not exhausted, the second holds the rest and is
    assertThat(page1.versions()).extracting(DocumentVersion::id).containsExactly("a", "b");
    assertThat(page1.exhausted()).isFalse();
    assertThat(page2.versions()).extracting(DocumentVersion::id).containsExactly("c");
    assertThat(page2.exhausted()).isTrue();
    assertThat(page2.watermark()).isEqualTo(2);
  }

  @Test
  void shouldAnswerOnlyTheWatermarkWhenTheLimitIsZero() {
    apply(Changes.write("t1", "todos", "a", "c1"));
    apply(Changes.write("t1", "todos", "b", "c2"));

    PartitionSlice slice = PartitionScanner.scan(raw, "t1", null, -1, 0);

    assertThat(slice.versions()).isEmpty();
    assertThat(slice.watermark()).isEqualTo(1);
  }

  @Test
  void shouldAnswerNoWatermarkForAPartitionThatProcessedNothing() {
    PartitionSlice slice = PartitionScanner.scan(raw, "t1", null, -1, 10);

    assertThat(slice.watermark()).isEqualTo(StateStoreView.NO_WATERMARK);
    assertThat(slice.versions()).isEmpty();
    assertThat(slice.exhausted()).isTrue();
  }

  @Test
  void shouldMergeCollectionsByPosition() {
    // Given writes alternating between two collections
    apply(Changes.write("t1", "todos", "a", "c1"));
    apply(Changes.write("t1", "notes", "x", "c2"));
    apply(Changes.write("t1", "todos", "b", "c3"));
    apply(Changes.write("t1", "notes", "y", "c4"));

    // When scanning all collections, and one named collection
    PartitionSlice all = PartitionScanner.scan(raw, "t1", null, -1, 10);
    PartitionSlice notes = PartitionScanner.scan(raw, "t1", List.of("notes"), -1, 10);
    PartitionSlice cut = PartitionScanner.scan(raw, "t1", List.of(), -1, 3);

    // Then versions come in position order across collections
    assertThat(all.versions()).extracting(DocumentVersion::id).containsExactly("a", "x", "b", "y");
    assertThat(notes.versions()).extracting(DocumentVersion::id).containsExactly("x", "y");
    assertThat(cut.versions()).extracting(DocumentVersion::id).containsExactly("a", "x", "b");
  }

  @Test
  void shouldReturnAMovedDocumentOnceAtItsNewestPosition() {
    // Given a document written at 0, another at 1, and the first rewritten at 2
    apply(Changes.write("t1", "todos", "a", "c1").data("v", "old").clock(1000));
    apply(Changes.write("t1", "todos", "b", "c2").clock(1000));
    apply(Changes.write("t1", "todos", "a", "c3").data("v", "new").clock(2000));

    // When scanning from the start
    PartitionSlice slice = PartitionScanner.scan(raw, "t1", null, -1, 10);

    // Then "a" appears once, after "b", at its new version
    assertThat(slice.versions()).extracting(DocumentVersion::id).containsExactly("b", "a");
    assertThat(slice.versions().get(1).data().get("v").asText()).isEqualTo("new");
    assertThat(slice.versions().get(1).offset()).isEqualTo(2);
  }

  @Test
  void shouldSkipAStaleIndexEntryLeftByACrash() {
    // Given an index entry at 0 whose document has since moved to 1 (the old entry survived)
    apply(Changes.write("t1", "todos", "a", "c1").clock(1000));
    DocumentVersion old = store.document(new DocKey("t1", "todos", "a"));
    apply(Changes.write("t1", "todos", "a", "c2").clock(2000));
    store.putIndex(old);

    // When scanning
    PartitionSlice slice = PartitionScanner.scan(raw, "t1", null, -1, 10);

    // Then the document is returned once, at 1
    assertThat(slice.versions()).extracting(DocumentVersion::offset).containsExactly(1L);
  }

  @Test
  void shouldNeverReturnAnotherTenantsDocuments() {
    // Given documents of two tenants, one whose name extends the other's
    apply(Changes.write("t1", "todos", "a", "c1"));
    apply(Changes.write("t10", "todos", "b", "c2"));
    apply(Changes.write("t2", "todos", "c", "c3"));

    // When tenant t1 scans everything, even naming a collection only others have
    apply(Changes.write("t2", "secret", "d", "c4"));
    PartitionSlice all = PartitionScanner.scan(raw, "t1", null, -1, 10);
    PartitionSlice named = PartitionScanner.scan(raw, "t1", List.of("todos", "secret"), -1, 10);

    // Then only its own document is returned
    assertThat(all.versions()).extracting(DocumentVersion::tenant).containsOnly("t1");
    assertThat(all.versions()).hasSize(1);
    assertThat(named.versions()).extracting(DocumentVersion::id).containsExactly("a");
  }

  @Test
  void shouldReadTheOffsetOfAStoredVersionWhateverItsFieldOrder() {
    // Given a version as stored now (offset first) and as stored before that order (offset last,
    // after nested objects holding their own "offset" fields)
    byte[] current = Topics.DOCUMENTS.valueCodec().encode(version("t1", "todos", "a", 42));
    byte[] older =
        ("{\"tenant\":\"t1\",\"data\":{\"offset\":7,\"deep\":[{\"offset\":8}]},"
                + "\"partition\":0,\"offset\":43,\"rev\":\"r\"}")
            .getBytes(StandardCharsets.UTF_8);

    // Then each one's own offset is read, never a nested one
    assertThat(new String(current, StandardCharsets.UTF_8)).startsWith("{\"offset\":42,");
    assertThat(PartitionScanner.storedOffset(current)).isEqualTo(42);
    assertThat(PartitionScanner.storedOffset(older)).isEqualTo(43);
    assertThatThrownBy(() -> PartitionScanner.storedOffset("{\"a\":1}".getBytes()))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> PartitionScanner.storedOffset("[1]".getBytes()))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void shouldAnswerTheStoredBytesAsJsonThatReadsBackAsTheSlice() throws Exception {
    // Given versions of two collections, one of them rewritten
    apply(Changes.write("t1", "todos", "a", "c1").data("v", "old"));
    apply(Changes.write("t1", "notes", "x", "c2").data("text", "quote \" and ünïcode"));
    apply(Changes.write("t1", "todos", "a", "c3").data("v", "new"));

    // When the slice is written as the scan answer writes it
    EncodedSlice encoded = PartitionScanner.scanEncoded(raw, "t1", null, -1, 10);
    Buffer json = Buffer.buffer();
    encoded.appendTo(json);

    // Then it reads back as the decoded slice
    PartitionSlice read = Json.mapper().readValue(json.getBytes(), PartitionSlice.class);
    assertThat(read).isEqualTo(encoded.decoded());
    assertThat(read.versions()).extracting(DocumentVersion::id).containsExactly("x", "a");
    assertThat(read.watermark()).isEqualTo(2);
    assertThat(read.exhausted()).isTrue();
  }

  private void apply(Changes change) {
    applier.apply(store, change.build(), 0, nextOffset++);
  }

  private static DocumentVersion version(String tenant, String collection, String id, long offset) {
    return new DocumentVersion(
        tenant,
        collection,
        id,
        Changes.fields("id", id),
        false,
        "r" + offset,
        0,
        offset,
        1,
        1,
        "c" + offset);
  }
}
