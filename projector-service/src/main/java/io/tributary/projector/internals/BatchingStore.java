package io.tributary.projector.internals;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The innermost layer of {@code tributary-state}, under Kafka Streams' changelogging layer: a value
 * that is a {@link WriteBatch}, put under a document's key, is applied as the writes it holds (in
 * one RocksDB write batch) instead of being stored; anything else goes to the wrapped store as it
 * is. The changelogging layer above logs what it was given, so a batch is one changelog record, and
 * restoring (or a standby replica) applies the same batch the same way: this store registers a
 * restore callback that unpacks batches before the wrapped store's own callback sees them.
 */
final class BatchingStore implements KeyValueStore<Bytes, byte[]> {

  /**
   * Local only, never logged: the highest watermark known to be in the changelog. Put when Kafka
   * Streams commits the store's offsets (its producer has flushed by then, so every write made is
   * logged) and before restored records are applied (they come from the changelog). {@link
   * LocalStoreCheck} compares it with the watermark before the store is opened.
   */
  static final Bytes LOGGED_KEY = Bytes.wrap(new byte[] {'L'});

  private final KeyValueStore<Bytes, byte[]> inner;

  BatchingStore(KeyValueStore<Bytes, byte[]> inner) {
    this.inner = inner;
  }

  /** Builds {@link BatchingStore}s over the stores {@code inner} supplies. */
  static KeyValueBytesStoreSupplier over(KeyValueBytesStoreSupplier inner) {
    return new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return inner.name();
      }

      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        return new BatchingStore(inner.get());
      }

      @Override
      public String metricsScope() {
        return inner.metricsScope();
      }
    };
  }

  /** Whether a write of {@code value} under {@code key} is a batch to unpack. */
  static boolean isBatch(Bytes key, byte[] value) {
    return StateStoreView.holdsBatches(key) && WriteBatch.isBatch(value);
  }

  /** The writes a changelog record stands for: its batch's, or itself. */
  static List<KeyValue<Bytes, byte[]>> unpack(Bytes key, byte[] value) {
    return isBatch(key, value) ? WriteBatch.decode(value) : List.of(KeyValue.pair(key, value));
  }

  @Override
  public void put(Bytes key, byte[] value) {
    if (isBatch(key, value)) {
      inner.putAll(WriteBatch.decode(value));
    } else {
      inner.put(key, value);
    }
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    if (isBatch(key, value)) {
      throw new UnsupportedOperationException("a write batch is put, never put if absent");
    }
    return inner.putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    List<KeyValue<Bytes, byte[]>> unpacked = new ArrayList<>(entries.size());
    for (KeyValue<Bytes, byte[]> entry : entries) {
      unpacked.addAll(unpack(entry.key, entry.value));
    }
    inner.putAll(unpacked);
  }

  @Override
  public byte[] delete(Bytes key) {
    return inner.delete(key);
  }

  @Override
  public byte[] get(Bytes key) {
    return inner.get(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return inner.range(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return inner.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return inner.all();
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return inner.reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(
      P prefix, PS prefixKeySerializer) {
    return inner.prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return inner.approximateNumEntries();
  }

  @Override
  public String name() {
    return inner.name();
  }

  /**
   * Deletes a persistent store that may hold writes its changelog lacks ({@link LocalStoreCheck})
   * before it is opened, so that Kafka Streams restores it whole.
   */
  @Override
  public void init(StateStoreContext context, StateStore root) {
    if (inner.persistent()) {
      LocalStoreCheck.deleteIfAhead(
          LocalStoreCheck.rocksDbDir(context.stateDir().toPath(), name()),
          "Store " + name() + " of task " + context.taskId());
    }
    inner.init(new UnpackingContext(context, this), root);
  }

  @Override
  public void flush() {
    inner.flush();
  }

  /**
   * Kafka Streams commits a store's changelog offsets once its producer has flushed (an active
   * task) or from what it restored (a standby): every write made so far is logged, so the watermark
   * is. An empty map forgets the offsets (a store found corrupted) and vouches for nothing.
   */
  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    if (!changelogOffsets.isEmpty()) {
      byte[] watermark = inner.get(StateStoreView.watermarkKey());
      if (watermark != null) {
        inner.put(LOGGED_KEY, watermark);
      }
    }
    inner.commit(changelogOffsets);
  }

  /**
   * Before restored writes are applied: the last watermark among them is logged (it comes from the
   * changelog), put first so that the stored one is never above it on disk.
   */
  private void noteLogged(List<ConsumerRecord<byte[], byte[]>> unpacked) {
    byte[] watermarkKey = StateStoreView.watermarkKey().get();
    for (int i = unpacked.size() - 1; i >= 0; i--) {
      ConsumerRecord<byte[], byte[]> write = unpacked.get(i);
      if (write.value() != null && Arrays.equals(write.key(), watermarkKey)) {
        inner.put(LOGGED_KEY, write.value());
        return;
      }
    }
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return inner.committedOffset(partition);
  }

  @Override
  public boolean managesOffsets() {
    return inner.managesOffsets();
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
    return inner.query(query, bound, config);
  }

  @Override
  public Position getPosition() {
    return inner.getPosition();
  }

  /** Changelog records with their batches unpacked, each write keeping its record's position. */
  static List<ConsumerRecord<byte[], byte[]>> unpack(
      Collection<ConsumerRecord<byte[], byte[]>> records) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>(records.size() * 4);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      if (record.key() == null || !isBatch(Bytes.wrap(record.key()), record.value())) {
        out.add(record);
        continue;
      }
      for (KeyValue<Bytes, byte[]> write : WriteBatch.decode(record.value())) {
        byte[] key = write.key.get();
        byte[] value = write.value;
        out.add(
            new ConsumerRecord<>(
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.timestampType(),
                key.length,
                value == null ? 0 : value.length,
                key,
                value,
                record.headers(),
                record.leaderEpoch()));
      }
    }
    return out;
  }

  /**
   * The context handed to the wrapped store: the same as Kafka Streams', except that the restore
   * callback the wrapped store registers is given unpacked records.
   */
  private static final class UnpackingContext implements StateStoreContext {

    private final StateStoreContext context;
    private final BatchingStore store;

    UnpackingContext(StateStoreContext context, BatchingStore store) {
      this.context = context;
      this.store = store;
    }

    @Override
    public void register(StateStore registered, StateRestoreCallback callback) {
      context.register(registered, unpacking(callback));
    }

    @Override
    public void register(
        StateStore registered, StateRestoreCallback callback, CommitCallback commit) {
      context.register(registered, unpacking(callback), commit);
    }

    /**
     * Both stores this layer wraps (RocksDB, and in-memory in tests) restore from whole changelog
     * records; any other kind is refused when the store is initialised.
     */
    private StateRestoreCallback unpacking(StateRestoreCallback callback) {
      if (!(callback instanceof RecordBatchingStateRestoreCallback batching)) {
        throw new IllegalStateException(
            "BatchingStore cannot wrap a store that restores with " + callback.getClass());
      }
      return (RecordBatchingStateRestoreCallback)
          records -> {
            List<ConsumerRecord<byte[], byte[]>> unpacked = unpack(records);
            store.noteLogged(unpacked);
            batching.restoreBatch(unpacked);
          };
    }

    @Override
    public String applicationId() {
      return context.applicationId();
    }

    @Override
    public TaskId taskId() {
      return context.taskId();
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
      return context.recordMetadata();
    }

    @Override
    public Serde<?> keySerde() {
      return context.keySerde();
    }

    @Override
    public Serde<?> valueSerde() {
      return context.valueSerde();
    }

    @Override
    public File stateDir() {
      return context.stateDir();
    }

    @Override
    public StreamsMetrics metrics() {
      return context.metrics();
    }

    @Override
    public Map<String, Object> appConfigs() {
      return context.appConfigs();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
      return context.appConfigsWithPrefix(prefix);
    }
  }
}
