package io.tributary.systemtest;

import io.tributary.protocol.topic.TopicDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a topic of the broker holds right now, read as a plain consumer would: every partition from
 * its beginning to its end offset at the time of the call, values decoded with the topic's codec.
 * No consumer group (nothing is committed), so reading never disturbs the services.
 */
final class TopicLog {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /** One record: where it sits and its decoded value (null for a record without a value). */
  record Entry<V>(int partition, long offset, V value) {}

  private TopicLog() {}

  /**
   * Every record of {@code descriptor}'s topic under {@code prefix}, in partition then offset
   * order.
   */
  static <V> List<Entry<V>> read(
      String bootstrapServers, String prefix, TopicDescriptor<?, V> descriptor) {
    String topic = descriptor.name(prefix);
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, READ_TIMEOUT).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
      List<List<Entry<V>>> byPartition = new ArrayList<>();
      partitions.forEach(p -> byPartition.add(new ArrayList<>()));
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (!atEnd(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "could not read " + topic + " to " + end + " in " + READ_TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          V value = r.value() == null ? null : descriptor.valueCodec().decode(r.value());
          byPartition.get(r.partition()).add(new Entry<>(r.partition(), r.offset(), value));
        }
      }
      List<Entry<V>> all = new ArrayList<>();
      byPartition.forEach(
          list ->
              list.stream()
                  .filter(e -> e.offset() < end.get(new TopicPartition(topic, e.partition())))
                  .forEach(all::add));
      return all;
    }
  }

  private static boolean atEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
