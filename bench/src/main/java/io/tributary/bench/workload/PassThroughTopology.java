package io.tributary.bench.workload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The least a topology like the projector's must do per record: read it, put it in one persistent,
 * changelogged, uncached RocksDB store, and write it to an output topic. Counts records and opens a
 * latch once the expected number has passed.
 *
 * <p>{@link Shape#AS_A_CHANGE} moves as many Kafka records per record as the projector does per
 * change: two puts (two changelog records, as the version's batch and the change id's outcome) and
 * two outputs (as the document and the outcome), the second of each {@link #REPLY_BYTES} long, both
 * outputs to one partition as in a one-tenant run from one ingest instance.
 */
final class PassThroughTopology {

  static final String STORE = "bench-limit-store";

  /** The size of the second put and output of {@link Shape#AS_A_CHANGE}, about an outcome's. */
  static final int REPLY_BYTES = 150;

  /** How many Kafka records one input record moves. */
  enum Shape {
    /** Read, one put, one output: three records. */
    ONE_OUTPUT,
    /** Read, two puts, two outputs: five records, as a change in the projector. */
    AS_A_CHANGE
  }

  private PassThroughTopology() {}

  /**
   * @param replies the second output topic, used by {@link Shape#AS_A_CHANGE} only
   */
  static Topology build(
      Shape shape,
      String in,
      String out,
      String replies,
      AtomicLong processed,
      long expected,
      CountDownLatch done) {
    Topology topology = new Topology();
    topology.addSource("source", new StringDeserializer(), new ByteArrayDeserializer(), in);
    topology.addProcessor(
        "store-and-forward", () -> new StoreAndForward(shape, processed, expected, done), "source");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray())
            .withCachingDisabled()
            .withLoggingEnabled(Map.of()),
        "store-and-forward");
    if (shape == Shape.ONE_OUTPUT) {
      topology.addSink(
          "sink", out, new StringSerializer(), new ByteArraySerializer(), "store-and-forward");
      return topology;
    }
    // As the projector's outputs in a one-tenant run from one ingest instance: every document to
    // the tenant's partition of documents, every outcome to the instance's partition of outcomes.
    StreamPartitioner<String, byte[]> first = (topic, key, value, n) -> Optional.of(Set.of(0));
    topology.addSink(
        "sink", out, new StringSerializer(), new ByteArraySerializer(), first, "store-and-forward");
    topology.addSink(
        "replies",
        replies,
        new StringSerializer(),
        new ByteArraySerializer(),
        first,
        "store-and-forward");
    return topology;
  }

  private static final class StoreAndForward implements Processor<String, byte[], String, byte[]> {

    private final Shape shape;
    private final AtomicLong processed;
    private final long expected;
    private final CountDownLatch done;
    private final byte[] reply = new byte[REPLY_BYTES];
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<Bytes, byte[]> store;

    StoreAndForward(Shape shape, AtomicLong processed, long expected, CountDownLatch done) {
      this.shape = shape;
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
      byte[] key = record.key().getBytes(StandardCharsets.UTF_8);
      store.put(Bytes.wrap(key), record.value());
      if (shape == Shape.AS_A_CHANGE) {
        byte[] replyKey = Arrays.copyOf(key, key.length + 1);
        store.put(Bytes.wrap(replyKey), reply);
        context.forward(record, "sink");
        context.forward(record.withValue(reply), "replies");
      } else {
        context.forward(record);
      }
      if (processed.incrementAndGet() == expected) {
        done.countDown();
      }
    }
  }
}
