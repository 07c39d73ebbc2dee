package io.tributary.projector.internals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.protocol.model.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The projector instance's meters: changes processed by outcome status and policy, the estimated
 * number of keys of each active store partition (computed when scraped), and Kafka Streams' own
 * metrics (including the consumer's {@code records-lag} per partition). Thread-safe.
 */
public final class ProjectorMetrics implements ProcessedChanges, AutoCloseable {

  /** How often new Streams metrics (a partition assigned later) are looked for. */
  private static final Duration STREAMS_REFRESH = Duration.ofSeconds(10);

  private final MeterRegistry registry;
  private final PartitionStores stores;
  private final int partitions;
  private final MultiGauge storeKeys;
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "tributary-streams-metrics");
            t.setDaemon(true);
            return t;
          });
  private KafkaStreamsMetrics streamsMetrics;

  /** Filled for every status in the constructor, then only read: thread-safe. */
  private final Map<Outcome.Status, Map<String, Counter>> processedCounters =
      new EnumMap<>(Outcome.Status.class);

  /**
   * @param stores the store partitions whose sizes are estimated at scrape time
   * @param partitions how many partitions {@code changes} has
   */
  public ProjectorMetrics(MeterRegistry registry, PartitionStores stores, int partitions) {
    this.registry = registry;
    for (Outcome.Status status : Outcome.Status.values()) {
      processedCounters.put(status, new ConcurrentHashMap<>());
    }
    this.stores = stores;
    this.partitions = partitions;
    this.storeKeys =
        MultiGauge.builder("tributary_projector_store_keys")
            .description("Estimated keys in the state store of each active partition")
            .register(registry);
  }

  @Override
  public void processed(Outcome.Status status, String policy) {
    // Called for every change on the stream thread: look the counter up once per status and policy.
    processedCounters
        .get(status)
        .computeIfAbsent(
            policy,
            p ->
                Counter.builder("tributary_projector_changes_processed")
                    .description("Changes decided by the projector, by outcome status and policy")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .tag("policy", p)
                    .register(registry))
        .increment();
  }

  @Override
  public void deadLettered(String reason) {
    Counter.builder("tributary_projector_dead_letters")
        .description("Changes set aside: undecodable records, or changes the policy failed on")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** Binds Kafka Streams' own metrics; call once, before or after start. */
  public synchronized void bindStreams(KafkaStreams streams) {
    streamsMetrics = new KafkaStreamsMetrics(streams, Tags.empty(), refresher, STREAMS_REFRESH);
    streamsMetrics.bindTo(registry);
  }

  /**
   * Estimates the store sizes, then renders every meter in the Prometheus text format (empty when
   * the registry is not a Prometheus one). Reads RocksDB properties: call it off the event loop.
   */
  public String scrape() {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      int partition = p;
      stores
          .activeStore(partition)
          .ifPresent(
              store -> {
                try {
                  long keys = store.approximateNumEntries();
                  rows.add(
                      MultiGauge.Row.of(Tags.of("partition", Integer.toString(partition)), keys));
                } catch (InvalidStateStoreException notHere) {
                  // Another instance owns the partition (or it is moving): not this one's to count.
                }
              });
    }
    storeKeys.register(rows, true);
    return registry instanceof PrometheusMeterRegistry prometheus ? prometheus.scrape() : "";
  }

  @Override
  public synchronized void close() {
    if (streamsMetrics != null) {
      streamsMetrics.close();
    }
    refresher.shutdownNow();
  }
}
