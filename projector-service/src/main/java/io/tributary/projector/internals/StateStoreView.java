package io.tributary.projector.internals;

import io.tributary.protocol.model.DocKey;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.topic.Codec;
import io.tributary.protocol.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Typed access to the raw {@code tributary-state} store. The key layout of docs/internals.md lives
 * here and nowhere else:
 *
 * <pre>
 * 'D' tenant 0 collection 0 id        → DocumentVersion JSON
 * 'I' tenant 0 collection 0 offset(8) → id (UTF-8)
 * 'C' tenant 0 collection             → empty
 * 'X' tenant 0 changeId               → Outcome JSON
 * 'N' tenant 0 collection             → documents(8) tombstones(8) last offset counted(8)
 * 'G' tenant                          → generation(8)
 * 'W'                                 → offset(8)
 * </pre>
 *
 * <p>Not thread-safe beyond what the underlying store offers; a view made with {@link
 * #readOnly(ReadOnlyKeyValueStore)} refuses writes.
 */
public final class StateStoreView {

  /** The watermark of a partition that has processed nothing yet. */
  public static final long NO_WATERMARK = -1L;

  private static final byte DOCUMENT = 'D';
  private static final byte INDEX = 'I';
  private static final byte COLLECTION = 'C';
  private static final byte OUTCOME = 'X';
  private static final byte WATERMARK = 'W';
  private static final byte COUNTS = 'N';
  private static final byte GENERATION = 'G';
  private static final int EVICT_BATCH = 1_000;
  private static final byte SEPARATOR = 0;
  private static final Bytes WATERMARK_KEY = Bytes.wrap(new byte[] {WATERMARK});
  private static final byte[] EMPTY = new byte[0];

  private static final Codec<DocumentVersion> DOCUMENTS = Topics.DOCUMENTS.valueCodec();
  private static final Codec<Outcome> OUTCOMES = Topics.OUTCOMES.valueCodec();

  private final ReadOnlyKeyValueStore<Bytes, byte[]> reads;
  private final KeyValueStore<Bytes, byte[]> writes;
  private final WriteBatch batch;
  private final Bytes batchKey;

  private StateStoreView(
      ReadOnlyKeyValueStore<Bytes, byte[]> reads,
      KeyValueStore<Bytes, byte[]> writes,
      WriteBatch batch,
      Bytes batchKey) {
    this.reads = reads;
    this.writes = writes;
    this.batch = batch;
    this.batchKey = batchKey;
  }

  public static StateStoreView readOnly(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
    return new StateStoreView(store, null, null, null);
  }

  public static StateStoreView writable(KeyValueStore<Bytes, byte[]> store) {
    return new StateStoreView(store, store, null, null);
  }

  // ---- one change's writes as one batch

  /**
   * A view whose writes are collected instead of made, until {@link #writeBatch()} puts them as one
   * {@link WriteBatch} under {@code document}'s key: one changelog record, restored whole. Its
   * reads see the store without the collected writes.
   */
  public StateStoreView batchFor(DocKey document) {
    return new StateStoreView(reads, store(), new WriteBatch(), documentKey(document));
  }

  /** Puts the writes collected by a {@link #batchFor} view. */
  public void writeBatch() {
    if (batch == null) {
      throw new IllegalStateException("not a batch view");
    }
    writes.put(batchKey, batch.encode());
  }

  /** Whether a value put under {@code key} may be a {@link WriteBatch}: document keys only. */
  static boolean holdsBatches(Bytes key) {
    byte[] bytes = key.get();
    return bytes.length > 0 && bytes[0] == DOCUMENT;
  }

  // ---- documents

  /** The current version of a document (possibly a tombstone), or null. */
  public DocumentVersion document(DocKey key) {
    byte[] bytes = documentBytes(key);
    return bytes == null ? null : DOCUMENTS.decode(bytes);
  }

  /**
   * The stored JSON of a document's current version (possibly a tombstone), or null; what {@link
   * #document} decodes.
   */
  public byte[] documentBytes(DocKey key) {
    return reads.get(documentKey(key));
  }

  /**
   * Stores {@code version} as its document's current one.
   *
   * @return the bytes stored: the version's encoding, which is also its {@code documents} value
   */
  public byte[] putDocument(DocumentVersion version) {
    byte[] encoded = DOCUMENTS.encode(version);
    put(documentKey(version.key()), encoded);
    return encoded;
  }

  // ---- change index

  /** Puts the index entry of {@code version} at its position. */
  public void putIndex(DocumentVersion version) {
    put(
        indexKey(version.tenant(), version.collection(), version.offset()),
        version.id().getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes the index entry of {@code version}'s position. */
  public void deleteIndex(DocumentVersion version) {
    delete(indexKey(version.tenant(), version.collection(), version.offset()));
  }

  /**
   * The index entries of one collection with offsets in {@code [fromOffset, toOffset]}, in offset
   * order. The caller closes the iterator.
   */
  public IndexIterator indexRange(
      String tenant, String collection, long fromOffset, long toOffset) {
    KeyValueIterator<Bytes, byte[]> range =
        reads.range(
            indexKey(tenant, collection, fromOffset), indexKey(tenant, collection, toOffset));
    return new IndexIterator(range, collection);
  }

  /** One entry of the change index. */
  public record IndexEntry(String collection, long offset, String id) {}

  /** Iterates index entries; must be closed. */
  public static final class IndexIterator implements AutoCloseable {
    private final KeyValueIterator<Bytes, byte[]> range;
    private final String collection;

    private IndexIterator(KeyValueIterator<Bytes, byte[]> range, String collection) {
      this.range = range;
      this.collection = collection;
    }

    public boolean hasNext() {
      return range.hasNext();
    }

    public IndexEntry next() {
      KeyValue<Bytes, byte[]> kv = range.next();
      byte[] key = kv.key.get();
      long offset = ByteBuffer.wrap(key, key.length - Long.BYTES, Long.BYTES).getLong();
      return new IndexEntry(collection, offset, new String(kv.value, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
      range.close();
    }
  }

  // ---- collections of a tenant

  /**
   * Records that {@code tenant} has documents in {@code collection}. Straight to the store it
   * writes only the first time: a read is cheaper than a store write and its changelog record on
   * every change. In a batch it is always written: it costs no record there, and the mark must not
   * depend on an earlier batch that compaction may remove.
   */
  public void putCollection(String tenant, String collection) {
    Bytes key = Bytes.wrap(key(COLLECTION, tenant, collection));
    if (batch != null || reads.get(key) == null) {
      put(key, EMPTY);
    }
  }

  /** The collections in which {@code tenant} has documents in this partition, sorted. */
  public List<String> collections(String tenant) {
    return new ArrayList<>(byCollection(COLLECTION, tenant, value -> value).keySet());
  }

  // ---- outcomes (idempotency)

  /** The first outcome of a change id, or null if the change id is new. */
  public Outcome outcome(String tenant, String changeId) {
    byte[] bytes = outcomeBytes(tenant, changeId);
    return bytes == null ? null : OUTCOMES.decode(bytes);
  }

  /**
   * Stores the first outcome of a change id.
   *
   * @return the bytes stored: the outcome's encoding, which is also its {@code outcomes} value
   */
  public byte[] putOutcome(String tenant, String changeId, Outcome outcome) {
    byte[] encoded = OUTCOMES.encode(outcome);
    putEncodedOutcome(tenant, changeId, encoded);
    return encoded;
  }

  /**
   * Stores the first outcome of a change that wrote no version, and moves the watermark to {@code
   * offset}, as one write to the store (one RocksDB write batch, two changelog records): on disk
   * the outcome is never without the watermark that {@link LocalStoreCheck} compares with what is
   * known to be logged.
   *
   * @return the bytes stored for the outcome, which are also its {@code outcomes} value
   */
  public byte[] putOutcomeAndWatermark(
      String tenant, String changeId, Outcome outcome, long offset) {
    if (batch != null) {
      throw new IllegalStateException("a batch view collects its writes one by one");
    }
    byte[] encoded = OUTCOMES.encode(outcome);
    store()
        .putAll(
            List.of(
                KeyValue.pair(Bytes.wrap(key(OUTCOME, tenant, changeId)), encoded),
                KeyValue.pair(
                    WATERMARK_KEY, ByteBuffer.allocate(Long.BYTES).putLong(offset).array())));
    return encoded;
  }

  /** The stored bytes of a change id's first outcome, or null. */
  public byte[] outcomeBytes(String tenant, String changeId) {
    return reads.get(Bytes.wrap(key(OUTCOME, tenant, changeId)));
  }

  /** Stores the first outcome of a change id, already encoded by {@link #putOutcome}. */
  public void putEncodedOutcome(String tenant, String changeId, byte[] encoded) {
    put(Bytes.wrap(key(OUTCOME, tenant, changeId)), encoded);
  }

  // ---- counts

  /**
   * The document and tombstone counts of one collection of a tenant, and the last offset counted.
   */
  public record Counts(long documents, long tombstones, long lastOffset) {
    public static final Counts NONE = new Counts(0, 0, NO_WATERMARK);
  }

  public Counts counts(String tenant, String collection) {
    byte[] bytes = reads.get(Bytes.wrap(key(COUNTS, tenant, collection)));
    return bytes == null ? Counts.NONE : decodeCounts(bytes);
  }

  public void putCounts(String tenant, String collection, Counts counts) {
    put(
        Bytes.wrap(key(COUNTS, tenant, collection)),
        ByteBuffer.allocate(3 * Long.BYTES)
            .putLong(counts.documents())
            .putLong(counts.tombstones())
            .putLong(counts.lastOffset())
            .array());
  }

  /** Collection → counts, for every collection of {@code tenant} in this partition, sorted. */
  public SortedMap<String, Counts> counts(String tenant) {
    return byCollection(COUNTS, tenant, StateStoreView::decodeCounts);
  }

  /** Collection → decoded value of the {@code namespace tenant 0 collection} keys, sorted. */
  private <T> SortedMap<String, T> byCollection(
      byte namespace, String tenant, Function<byte[], T> decode) {
    byte[] prefix = key(namespace, tenant, "");
    SortedMap<String, T> out = new TreeMap<>();
    try (KeyValueIterator<Bytes, byte[]> it = reads.prefixScan(prefix, new ByteArraySerializer())) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> kv = it.next();
        byte[] key = kv.key.get();
        out.put(
            new String(key, prefix.length, key.length - prefix.length, StandardCharsets.UTF_8),
            decode.apply(kv.value));
      }
    }
    return out;
  }

  private static Counts decodeCounts(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new Counts(buffer.getLong(), buffer.getLong(), buffer.getLong());
  }

  // ---- tenant generation and eviction

  /** The tenant's generation in this partition: 0 until its first reset. */
  public long generation(String tenant) {
    byte[] bytes = reads.get(Bytes.wrap(key(GENERATION, tenant)));
    return bytes == null ? 0L : ByteBuffer.wrap(bytes).getLong();
  }

  public void putGeneration(String tenant, long generation) {
    put(
        Bytes.wrap(key(GENERATION, tenant)),
        ByteBuffer.allocate(Long.BYTES).putLong(generation).array());
  }

  /**
   * Deletes every document, index entry, collection mark, count and idempotency outcome of {@code
   * tenant} in this partition; the generation and the watermark stay. Idempotent.
   *
   * <p>A document's deletion lets compaction drop the document's last batch, and with it what the
   * batch wrote to other keys. So documents are deleted last, and the watermark is first written
   * again on its own key: the dropped batch may be the last record that wrote it, and a crash in
   * the middle of the deletions followed by compaction would otherwise restore an older watermark.
   *
   * @return the number of keys deleted
   */
  public long evict(String tenant) {
    long watermark = watermark();
    if (watermark != NO_WATERMARK) {
      putWatermark(watermark);
    }
    long deleted = 0;
    // Documents last: deleting one lets compaction drop its batch, and with it the batch's writes
    // to the other keys, which must be deleted by then.
    for (byte namespace : new byte[] {INDEX, COLLECTION, COUNTS, OUTCOME, DOCUMENT}) {
      deleted += deletePrefix(key(namespace, tenant, ""));
    }
    return deleted;
  }

  /** Deletes the keys under {@code prefix}, a batch of keys at a time (never while iterating). */
  private long deletePrefix(byte[] prefix) {
    long deleted = 0;
    while (true) {
      List<Bytes> keys = new ArrayList<>();
      try (KeyValueIterator<Bytes, byte[]> it =
          reads.prefixScan(prefix, new ByteArraySerializer())) {
        while (it.hasNext() && keys.size() < EVICT_BATCH) {
          keys.add(it.next().key);
        }
      }
      if (keys.isEmpty()) {
        return deleted;
      }
      keys.forEach(this::delete);
      deleted += keys.size();
    }
  }

  // ---- watermark

  /** Every change at or below this offset is fully applied; {@link #NO_WATERMARK} if none. */
  public long watermark() {
    byte[] bytes = reads.get(WATERMARK_KEY);
    return bytes == null ? NO_WATERMARK : ByteBuffer.wrap(bytes).getLong();
  }

  public void putWatermark(long offset) {
    put(WATERMARK_KEY, ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
  }

  /** The key of the watermark, for {@link BatchingStore}, which reads it below the other layers. */
  static Bytes watermarkKey() {
    return WATERMARK_KEY;
  }

  // ---- key encoding

  private void put(Bytes key, byte[] value) {
    if (batch != null) {
      batch.put(key, value);
    } else {
      store().put(key, value);
    }
  }

  private void delete(Bytes key) {
    if (batch != null) {
      batch.delete(key);
    } else {
      store().delete(key);
    }
  }

  private KeyValueStore<Bytes, byte[]> store() {
    if (writes == null) {
      throw new IllegalStateException("this view of the state store is read-only");
    }
    return writes;
  }

  private static Bytes documentKey(DocKey key) {
    return Bytes.wrap(key(DOCUMENT, key.tenant(), key.collection(), key.id()));
  }

  private static Bytes indexKey(String tenant, String collection, long offset) {
    byte[] head = key(INDEX, tenant, collection, "");
    return Bytes.wrap(
        ByteBuffer.allocate(head.length + Long.BYTES).put(head).putLong(offset).array());
  }

  /** The namespace byte, then the parts separated by 0; an empty last part ends in 0. */
  private static byte[] key(byte namespace, String... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(namespace);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.write(SEPARATOR);
      }
      out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
