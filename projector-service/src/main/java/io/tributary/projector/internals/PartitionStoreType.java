package io.tributary.projector.internals;

import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * Asks interactive queries for one partition's store and answers that store itself, not the
 * composite view {@link QueryableStoreTypes#keyValueStore()} makes: the composite looks the store
 * up among the stream threads' tasks again on every {@code get}, which cost more than the read
 * itself in a scan that reads a thousand documents. The store is looked up once per query instead;
 * should its task move away meanwhile, the closed store throws {@link InvalidStateStoreException}
 * as the composite would.
 *
 * <p>Only for queries {@linkplain org.apache.kafka.streams.StoreQueryParameters#withPartition made
 * for one partition}.
 */
final class PartitionStoreType implements QueryableStoreType<ReadOnlyKeyValueStore<Bytes, byte[]>> {

  private final QueryableStoreType<ReadOnlyKeyValueStore<Bytes, byte[]>> keyValue =
      QueryableStoreTypes.keyValueStore();

  @Override
  public boolean accepts(StateStore stateStore) {
    return keyValue.accepts(stateStore);
  }

  @Override
  public ReadOnlyKeyValueStore<Bytes, byte[]> create(
      StateStoreProvider storeProvider, String storeName) {
    List<ReadOnlyKeyValueStore<Bytes, byte[]>> stores = storeProvider.stores(storeName, this);
    if (stores.size() != 1) {
      throw new InvalidStateStoreException(
          "expected one store " + storeName + " for one partition, found " + stores.size());
    }
    return stores.get(0);
  }
}
