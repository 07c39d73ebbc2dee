package io.tributary.ingest.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;

/**
 * Polls one already positioned consumer on a daemon thread of its own and hands each poll's records
 * to a callback, until {@link #close} or an error ends it. The loop owns the consumer once started:
 * it is the only thread to use it and closes it when it ends. An error is logged, reported through
 * {@link Failures#afterStop} and ends the loop; it is never thrown to the owner, which sees it as
 * {@link #isRunning} turning false.
 */
public final class PollLoop<K, V> implements AutoCloseable {

  /**
   * What the loop logs, through its owner's logger, when it ends other than by {@link #close}.
   *
   * @param wokenUnexpectedly logged when the consumer is woken up without the loop being closed
   * @param stopped logged when an error ends the loop; says what stops working
   * @param afterStop runs on the loop's thread after {@code stopped} is logged
   */
  public record Failures(
      Logger log, String wokenUnexpectedly, String stopped, Runnable afterStop) {}

  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final long JOIN_MS = 10_000;

  private final KafkaConsumer<K, V> consumer;
  private final Consumer<ConsumerRecords<K, V>> onRecords;
  private final Failures failures;
  private final Thread thread;
  private volatile boolean running = true;

  /** Prepares the loop; nothing polls until {@link #start}. */
  public PollLoop(
      String threadName,
      KafkaConsumer<K, V> consumer,
      Consumer<ConsumerRecords<K, V>> onRecords,
      Failures failures) {
    this.consumer = consumer;
    this.onRecords = onRecords;
    this.failures = failures;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  /** Binds the consumer's own metrics; close the result before the loop. */
  public KafkaClientMetrics bindMetrics(MeterRegistry registry) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
    metrics.bindTo(registry);
    return metrics;
  }

  public void start() {
    thread.start();
  }

  public boolean isRunning() {
    return running && thread.isAlive();
  }

  private void run() {
    try {
      while (running) {
        onRecords.accept(consumer.poll(POLL_TIMEOUT));
      }
    } catch (WakeupException e) {
      if (running) {
        failures.log().error(failures.wokenUnexpectedly(), e);
      }
    } catch (RuntimeException e) {
      failures.log().error(failures.stopped(), e);
      failures.afterStop().run();
    } finally {
      running = false;
      consumer.close(CLOSE_TIMEOUT);
    }
  }

  /** Stops polling and waits up to ten seconds for the thread to close the consumer. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(JOIN_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
