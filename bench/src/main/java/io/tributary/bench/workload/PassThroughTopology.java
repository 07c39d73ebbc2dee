package io.tributary.bench.workload;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The least a topology like the projector's must do per record: read it, put it in one persistent,
 * changelogged, uncached RocksDB store, and write it to an output topic. Counts records and opens a
 * latch once the expected number has passed.
 */
final class PassThroughTopology {

  static final String STORE = "bench-limit-store";

  private PassThroughTopology() {}

  static Topology build(
      String in, String out, AtomicLong processed, long expected, CountDownLatch done) {
    Topology topology = new Topology();
    topology.addSource("source", new StringDeserializer(), new ByteArrayDeserializer(), in);
    topology.addProcessor(
        "store-and-forward", () -> new StoreAndForward(processed, expected, done), "source");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray())
            .withCachingDisabled()
            .withLoggingEnabled(Map.of()),
        "store-and-forward");
    topology.addSink(
        "sink", out, new StringSerializer(), new ByteArraySerializer(), "store-and-forward");
    return topology;
  }

  private static final class StoreAndForward implements Processor<String, byte[], String, byte[]> {

    private final AtomicLong processed;
    private final long expected;
    private final CountDownLatch done;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<Bytes, byte[]> store;

    StoreAndForward(AtomicLong processed, long expected, CountDownLatch done) {
      this.processed = processed;
      this.expected = expected;
      this.done = done;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
      this.context = context;
      this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      store.put(
          Bytes.wrap(record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          record.value());
      context.forward(record);
      if (processed.incrementAndGet() == expected) {
        done.countDown();
      }
    }
  }
}
