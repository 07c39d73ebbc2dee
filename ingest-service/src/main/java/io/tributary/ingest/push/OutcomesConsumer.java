package io.tributary.ingest.push;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.common.kafka.CodecSerde;
import io.tributary.ingest.kafka.PollLoop;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.topic.CodecException;
import io.tributary.protocol.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this instance's partition of {@code outcomes} on its own thread and completes {@link
 * PendingOutcomes}. The partition is assigned (no group) and positioned at its end by {@link
 * #start} before it returns, so no reply to a push made after start-up can be missed.
 */
public final class OutcomesConsumer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutcomesConsumer.class);

  private final Deserializer<Outcome> codec = CodecSerde.values(Topics.OUTCOMES).deserializer();
  private final TopicPartition partition;
  private final PendingOutcomes pending;
  private final PollLoop<String, byte[]> loop;

  private OutcomesConsumer(
      KafkaConsumer<String, byte[]> consumer, TopicPartition partition, PendingOutcomes pending) {
    this.partition = partition;
    this.pending = pending;
    this.loop =
        new PollLoop<>(
            "tributary-outcomes",
            consumer,
            this::complete,
            new PollLoop.Failures(
                log,
                "Outcomes consumer woken up unexpectedly",
                "Outcomes consumer stopped; pushes will time out until restart",
                () -> {}));
  }

  /**
   * Picks the partition, positions the consumer at its end and starts the thread.
   *
   * @param kafka client settings (bootstrap servers and pass-through keys)
   * @param configuredPartition the configured partition, or -1 to derive it from the instance id
   */
  public static OutcomesConsumer start(
      Map<String, Object> kafka,
      String prefix,
      String instanceId,
      int configuredPartition,
      PendingOutcomes pending) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId + "-outcomes");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    try {
      String topic = Topics.OUTCOMES.name(prefix);
      int count = consumer.partitionsFor(topic, Duration.ofSeconds(30)).size();
      int chosen =
          configuredPartition >= 0
              ? configuredPartition
              : Math.floorMod(instanceId.hashCode(), count);
      if (chosen >= count) {
        throw new IllegalArgumentException(
            "ingest.outcomes.partition "
                + chosen
                + " does not exist: "
                + topic
                + " has "
                + count
                + " partitions");
      }
      TopicPartition tp = new TopicPartition(topic, chosen);
      consumer.assign(List.of(tp));
      consumer.seekToEnd(List.of(tp));
      consumer.position(tp, Duration.ofSeconds(30));
      OutcomesConsumer started = new OutcomesConsumer(consumer, tp, pending);
      started.loop.start();
      log.info("Listening for push outcomes on {}", tp);
      return started;
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /** The partition of {@code outcomes} this instance reads: the reply partition of its pushes. */
  public int partition() {
    return partition.partition();
  }

  /** Binds the consumer's own metrics; close the result before this. */
  public AutoCloseable bindMetrics(MeterRegistry registry) {
    return loop.bindMetrics(registry);
  }

  public boolean isRunning() {
    return loop.isRunning();
  }

  private void complete(ConsumerRecords<String, byte[]> records) {
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        Outcome outcome = codec.deserialize(record.topic(), record.value());
        if (outcome != null) {
          pending.complete(outcome);
        }
      } catch (CodecException e) {
        log.warn("Skipping undecodable outcome at {}@{}", record.partition(), record.offset());
      }
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}
