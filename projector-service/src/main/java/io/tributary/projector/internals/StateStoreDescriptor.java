package io.tributary.projector.internals;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The projector's one state store, declared once: its name (which also names its changelog topic,
 * so renaming it loses state) and how it is built and queried.
 */
public final class StateStoreDescriptor {

  /** The store of docs/internals.md: bytes → bytes, persistent, changelogged, no cache. */
  public static final StateStoreDescriptor STATE = new StateStoreDescriptor("tributary-state");

  private final String name;

  private StateStoreDescriptor(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /**
   * A RocksDB store with a changelog and caching disabled, as production runs it, that applies
   * {@link WriteBatch}es ({@link BatchingStore}).
   */
  public StoreBuilder<KeyValueStore<Bytes, byte[]>> persistentBuilder() {
    return Stores.keyValueStoreBuilder(
            BatchingStore.over(Stores.persistentKeyValueStore(name)),
            Serdes.Bytes(),
            Serdes.ByteArray())
        .withCachingDisabled()
        .withLoggingEnabled(Map.of());
  }

  /**
   * The type to ask Kafka Streams' interactive queries for, in a query for one partition: the
   * partition's store itself ({@link PartitionStoreType}).
   */
  public QueryableStoreType<ReadOnlyKeyValueStore<Bytes, byte[]>> queryableType() {
    return new PartitionStoreType();
  }
}
