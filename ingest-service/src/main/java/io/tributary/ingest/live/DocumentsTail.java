package io.tributary.ingest.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.common.kafka.CodecSerde;
import io.tributary.ingest.kafka.PollLoop;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.topic.CodecException;
import io.tributary.protocol.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails every partition of {@code documents} from its end (assigned, no group) on its own thread
 * and feeds the {@link SubscriberRegistry}.
 */
public final class DocumentsTail implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DocumentsTail.class);

  private final Deserializer<DocumentVersion> codec =
      CodecSerde.values(Topics.DOCUMENTS).deserializer();
  private final SubscriberRegistry registry;
  private final PollLoop<String, byte[]> loop;

  private DocumentsTail(KafkaConsumer<String, byte[]> consumer, SubscriberRegistry registry) {
    this.registry = registry;
    this.loop =
        new PollLoop<>(
            "tributary-documents-tail",
            consumer,
            this::publish,
            new PollLoop.Failures(
                log,
                "Documents tail woken up unexpectedly",
                "Documents tail stopped; live streams get no new events until restart",
                registry::shutdownAll));
  }

  /** Assigns all partitions, positions them at their end, and starts the thread. */
  public static DocumentsTail start(
      Map<String, Object> kafka, String prefix, String instanceId, SubscriberRegistry registry) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId + "-documents");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    try {
      String topic = Topics.DOCUMENTS.name(prefix);
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(30)));
      DocumentsTail tail = new DocumentsTail(consumer, registry);
      tail.loop.start();
      log.info("Tailing {} partitions of {} for live streams", partitions.size(), topic);
      return tail;
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /** Binds the consumer's own metrics; close the result before this. */
  public AutoCloseable bindMetrics(MeterRegistry registry) {
    return loop.bindMetrics(registry);
  }

  public boolean isRunning() {
    return loop.isRunning();
  }

  private void publish(ConsumerRecords<String, byte[]> records) {
    List<DocumentVersion> batch = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() == null) {
        Header reset = record.headers().lastHeader(Topics.TENANT_RESET_HEADER);
        if (reset != null && record.key() != null) {
          // Versions read before the mark go first; then the tenant's streams end.
          if (!batch.isEmpty()) {
            registry.publish(batch);
            batch = new ArrayList<>();
          }
          registry.resetTenant(record.key());
        }
        continue;
      }
      if (!mayListen(record.key())) {
        continue;
      }
      try {
        DocumentVersion v = codec.deserialize(record.topic(), record.value());
        if (v != null) {
          batch.add(v);
        }
      } catch (CodecException e) {
        log.warn("Skipping undecodable document at {}@{}", record.partition(), record.offset());
      }
    }
    if (!batch.isEmpty()) {
      registry.publish(batch);
    }
  }

  /**
   * False when the record's key ({@code tenant/collection/id}) names a tenant without a stream
   * here, so its version is skipped undecoded; true otherwise (also for a key of another form).
   */
  private boolean mayListen(String key) {
    int slash = key == null ? -1 : key.indexOf('/');
    return slash <= 0 || registry.listensTo(key.substring(0, slash));
  }

  @Override
  public void close() {
    loop.close();
  }
}
