package io.tributary.ingest.admin;

import io.tributary.common.kafka.CodecSerde;
import io.tributary.protocol.clock.HybridLogicalClock;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocKey;
import io.tributary.protocol.topic.CodecException;
import io.tributary.protocol.topic.Topics;
import io.tributary.protocol.wire.AdminHistory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one document's history from the {@code changes} log: the partition its key hashes to (as
 * the producer's default partitioner does), from the start to the end offset at the time of the
 * call, keeping the document's changes and its tenant's evictions. Blocking: call it on a worker
 * thread. Each call uses a consumer of its own, with no group and no committed offsets.
 */
final class ChangeHistory {

  private static final Logger log = LoggerFactory.getLogger(ChangeHistory.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<String, Object> kafka;
  private final String topic;
  private final String clientId;
  private final Deserializer<ChangeRecord> codec = CodecSerde.values(Topics.CHANGES).deserializer();

  ChangeHistory(Map<String, Object> kafka, String prefix, String instanceId) {
    this.kafka = kafka;
    this.topic = Topics.CHANGES.name(prefix);
    this.clientId = instanceId + "-history";
  }

  /** What was found, before outcomes are added. */
  record Found(
      int partition, boolean complete, long generation, List<AdminHistory.Entry> entries) {}

  /**
   * @param limit keep at most this many entries, the latest
   * @param maxScanMs stop reading after this long and answer with {@code complete = false}
   */
  Found read(DocKey key, int limit, long maxScanMs) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    long deadline = System.nanoTime() + Duration.ofMillis(maxScanMs).toNanos();
    String documentKey = key.toKafkaKey();
    String resetKey = new DocKey(key.tenant(), "", "").toKafkaKey();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      int partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).size();
      int partition = partitionOf(documentKey, partitions);
      TopicPartition tp = new TopicPartition(topic, partition);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp);
      ArrayDeque<AdminHistory.Entry> kept = new ArrayDeque<>();
      long generation = 0;
      boolean dropped = false;
      while (consumer.position(tp, Duration.ofSeconds(10)) < end) {
        if (System.nanoTime() > deadline) {
          log.info("A history lookup stopped at its time limit in partition {}", partition);
          return new Found(partition, false, generation, new ArrayList<>(kept));
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          if (record.offset() >= end) {
            break;
          }
          boolean isReset = resetKey.equals(record.key());
          if (!isReset && !documentKey.equals(record.key())) {
            continue;
          }
          ChangeRecord change = decode(record);
          if (change == null || !change.tenant().equals(key.tenant())) {
            continue;
          }
          if (change.isTenantReset()) {
            if (change.generation() <= generation) {
              continue; // a retried or concurrent eviction to a generation already reached
            }
            generation = change.generation();
          }
          kept.addLast(entry(record.offset(), generation, change));
          if (kept.size() > limit) {
            kept.removeFirst();
            dropped = true;
          }
        }
      }
      return new Found(partition, !dropped, generation, new ArrayList<>(kept));
    }
  }

  /** The partition the producer's default partitioner picks for a key. */
  static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private ChangeRecord decode(ConsumerRecord<String, byte[]> record) {
    try {
      return codec.deserialize(record.topic(), record.value());
    } catch (CodecException e) {
      return null;
    }
  }

  private static AdminHistory.Entry entry(long offset, long generation, ChangeRecord change) {
    return new AdminHistory.Entry(
        offset,
        generation,
        change.changeId(),
        change.isTenantReset() ? "evict" : change.type().wire(),
        change.isTenantReset() ? null : change.data(),
        HybridLogicalClock.millis(change.hlc()),
        change.clientTimestamp(),
        null,
        null);
  }
}
