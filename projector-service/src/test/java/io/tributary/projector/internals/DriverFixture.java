package io.tributary.projector.internals;

import io.tributary.common.kafka.CodecSerde;
import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.query.PartitionSlice;
import io.tributary.protocol.topic.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The projector topology in a {@link TopologyTestDriver}: every input lands in partition 0. */
final class DriverFixture implements AutoCloseable {

  static final String PREFIX = "tributary.";
  static final String DEAD_LETTERS = io.tributary.protocol.topic.Topics.deadLetters(PREFIX);

  private final TopologyTestDriver driver;
  private final TestInputTopic<String, ChangeRecord> changes;
  private final TestInputTopic<byte[], byte[]> rawChanges;
  private final TestOutputTopic<String, Outcome> outcomes;
  private final TestOutputTopic<String, DocumentVersion> documents;

  DriverFixture(PolicyRegistry policies, Path stateDir) {
    this(policies, stateDir, ProcessedChanges.NONE);
  }

  DriverFixture(PolicyRegistry policies, Path stateDir, ProcessedChanges processed) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "projector-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        SkipUndecodableRecords.class.getName());
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTERS);
    props.put(SkipUndecodableRecords.METRICS_CONFIG, processed);
    driver = new TopologyTestDriver(ProjectorTopology.build(PREFIX, policies, processed), props);
    changes =
        driver.createInputTopic(
            Topics.CHANGES.name(PREFIX),
            CodecSerde.keys(Topics.CHANGES).serializer(),
            CodecSerde.values(Topics.CHANGES).serializer());
    rawChanges =
        driver.createInputTopic(
            Topics.CHANGES.name(PREFIX), new ByteArraySerializer(), new ByteArraySerializer());
    outcomes =
        driver.createOutputTopic(
            Topics.OUTCOMES.name(PREFIX),
            CodecSerde.keys(Topics.OUTCOMES).deserializer(),
            CodecSerde.values(Topics.OUTCOMES).deserializer());
    documents =
        driver.createOutputTopic(
            Topics.DOCUMENTS.name(PREFIX),
            CodecSerde.keys(Topics.DOCUMENTS).deserializer(),
            CodecSerde.values(Topics.DOCUMENTS).deserializer());
  }

  /** Pipes one change, stamped with its own clock so the run is reproducible. */
  DriverFixture send(Changes change) {
    ChangeRecord record = change.build();
    changes.pipeInput(record.key().toKafkaKey(), record, record.hlc());
    return this;
  }

  /** Pipes a record built elsewhere (e.g. a tenant reset). */
  DriverFixture send(ChangeRecord record) {
    changes.pipeInput(record.key().toKafkaKey(), record, record.hlc());
    return this;
  }

  DriverFixture sendRaw(byte[] key, byte[] value) {
    rawChanges.pipeInput(key, value, 0L);
    return this;
  }

  List<KeyValue<String, Outcome>> outcomes() {
    return outcomes.readKeyValuesToList();
  }

  List<KeyValue<String, DocumentVersion>> documents() {
    return documents.readKeyValuesToList();
  }

  /** The documents topic's records with their headers (tenant-reset marks have no value). */
  List<org.apache.kafka.streams.test.TestRecord<String, DocumentVersion>> documentRecords() {
    return documents.readRecordsToList();
  }

  /** Raw output records of a topic with their headers. */
  List<org.apache.kafka.streams.test.TestRecord<byte[], byte[]>> rawRecords(String topic) {
    return driver
        .createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
        .readRecordsToList();
  }

  /** Raw output records (key bytes, value bytes) of a topic, for byte-level comparisons. */
  List<KeyValue<byte[], byte[]>> rawOutput(String topic) {
    return driver
        .createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
        .readKeyValuesToList();
  }

  KeyValueStore<Bytes, byte[]> store() {
    return driver.getKeyValueStore(StateStoreDescriptor.STATE.name());
  }

  PartitionSlice scan(String tenant, long after, int limit) {
    return PartitionScanner.scan(store(), tenant, null, after, limit);
  }

  @Override
  public void close() {
    driver.close();
  }
}
