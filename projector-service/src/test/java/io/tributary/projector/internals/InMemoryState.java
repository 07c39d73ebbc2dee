package io.tributary.projector.internals;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** An initialised in-memory {@code tributary-state} store attached to a mock context. */
final class InMemoryState {

  private InMemoryState() {}

  static KeyValueStore<Bytes, byte[]> attachTo(MockProcessorContext<?, ?> context) {
    KeyValueStore<Bytes, byte[]> store =
        Stores.keyValueStoreBuilder(
                BatchingStore.over(Stores.inMemoryKeyValueStore(StateStoreDescriptor.STATE.name())),
                Serdes.Bytes(),
                Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }

  static KeyValueStore<Bytes, byte[]> standalone() {
    return attachTo(new MockProcessorContext<>());
  }
}
