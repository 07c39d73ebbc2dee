package io.tributary.ingest.push;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.tributary.common.kafka.CodecSerde;
import io.tributary.ingest.http.ApiError;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces change records to {@code changes} (acks=all, idempotent) off the event loop. {@code
 * send} may block on metadata, so batches run on a small pool with a bounded queue; a full queue is
 * refused with 503 and {@code Retry-After} instead of piling up work. Thread-safe.
 */
public final class ChangeProducer implements AutoCloseable {

  /** Pushes that may wait for the producer before new ones are refused. */
  static final int QUEUE_CAPACITY = 256;

  private final Producer<String, ChangeRecord> producer;
  private final String topic;
  private final ThreadPoolExecutor executor;
  private volatile boolean open = true;

  /** Binds the producer's own metrics; close the result before this. */
  public AutoCloseable bindMetrics(MeterRegistry registry) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
    metrics.bindTo(registry);
    return metrics;
  }

  ChangeProducer(Producer<String, ChangeRecord> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            r -> {
              Thread t = new Thread(r, "tributary-producer");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * @param kafka client settings (bootstrap servers and pass-through keys)
   */
  public static ChangeProducer create(Map<String, Object> kafka, String prefix, String instanceId) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, instanceId + "-changes");
    KafkaProducer<String, ChangeRecord> producer =
        new KafkaProducer<>(
            props, new StringSerializer(), CodecSerde.values(Topics.CHANGES).serializer());
    return new ChangeProducer(producer, Topics.CHANGES.name(prefix));
  }

  /**
   * Sends the records in order; the future completes when all are acknowledged.
   *
   * @throws ApiError 503 when too many pushes are already waiting for the producer
   */
  public CompletableFuture<Void> sendAll(List<ChangeRecord> records) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!open) {
      throw ApiError.unavailable("The server is shutting down; retry on another instance.", 1);
    }
    try {
      executor.execute(() -> sendNow(records, false, done));
    } catch (RejectedExecutionException e) {
      throw ApiError.unavailable("The server is busy writing; retry shortly.", 1);
    }
    return done;
  }

  /**
   * Sends record {@code i} to partition {@code i} of {@code changes} (a tenant reset reaches every
   * partition); the future completes when all are acknowledged.
   *
   * @throws ApiError 503 when too many pushes are already waiting for the producer
   */
  public CompletableFuture<Void> sendToEachPartition(List<ChangeRecord> records) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!open) {
      throw ApiError.unavailable("The server is shutting down; retry on another instance.", 1);
    }
    try {
      executor.execute(() -> sendNow(records, true, done));
    } catch (RejectedExecutionException e) {
      throw ApiError.unavailable("The server is busy writing; retry shortly.", 1);
    }
    return done;
  }

  private void sendNow(
      List<ChangeRecord> records, boolean partitionByIndex, CompletableFuture<Void> done) {
    if (records.isEmpty()) {
      done.complete(null);
      return;
    }
    // One count for the whole list instead of a future per record: the last acknowledgement
    // completes it, the first error fails it.
    AtomicInteger unacknowledged = new AtomicInteger(records.size());
    Callback acknowledged =
        (metadata, error) -> {
          if (error != null) {
            done.completeExceptionally(error);
          } else if (unacknowledged.decrementAndGet() == 0) {
            done.complete(null);
          }
        };
    try {
      for (int i = 0; i < records.size(); i++) {
        ChangeRecord record = records.get(i);
        producer.send(
            partitionByIndex
                ? new ProducerRecord<>(topic, i, record.key().toKafkaKey(), record)
                : new ProducerRecord<>(topic, record.key().toKafkaKey(), record),
            acknowledged);
      }
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
  }

  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(10));
  }
}
