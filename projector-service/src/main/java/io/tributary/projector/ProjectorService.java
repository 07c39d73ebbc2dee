package io.tributary.projector;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.common.metrics.JvmMeters;
import io.tributary.projector.internals.ProjectorMetrics;
import io.tributary.projector.internals.ProjectorTopology;
import io.tributary.projector.internals.QueryEndpoint;
import io.tributary.projector.internals.SkipUndecodableRecords;
import io.tributary.projector.internals.StreamsPartitionStores;
import io.tributary.projector.internals.StreamsProperties;
import io.tributary.projector.internals.TopicPreparation;
import io.tributary.protocol.topic.Topics;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One projector instance: the Kafka Streams topology that resolves changes and materialises
 * documents, and the internal query endpoint that serves its partitions to the API tier.
 *
 * <p>Thread-safe; {@link #close()} may be called from any thread, more than once.
 */
public final class ProjectorService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProjectorService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final QueryEndpoint endpoint;
  private final KafkaStreams streams;
  private final String advertised;
  private final CompletableFuture<Void> failed;
  private final CompletableFuture<Void> firstRunning;
  private final ProjectorMetrics metrics;
  private final AutoCloseable jvmMeters;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ProjectorService(
      Vertx vertx,
      QueryEndpoint endpoint,
      KafkaStreams streams,
      String advertised,
      CompletableFuture<Void> firstRunning,
      CompletableFuture<Void> failed,
      ProjectorMetrics metrics,
      AutoCloseable jvmMeters) {
    this.failed = failed;
    this.metrics = metrics;
    this.jvmMeters = jvmMeters;
    this.vertx = vertx;
    this.endpoint = endpoint;
    this.streams = streams;
    this.advertised = advertised;
    this.firstRunning = firstRunning;
  }

  /**
   * Creates topics if absent, binds the internal query endpoint, then starts Kafka Streams with
   * {@code application.server} = the endpoint's advertised host:port. Returns once the endpoint is
   * bound; Streams becomes RUNNING later ({@link #isRunning()}).
   *
   * @throws org.apache.kafka.common.config.ConfigException naming a key with a bad value
   * @throws IllegalStateException if Kafka does not answer or the port cannot be bound
   */
  public static ProjectorService start(Map<String, String> config) {
    return start(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * Starts with the meters in {@code registry} (one registry per service instance, so two services
   * in one JVM keep theirs apart); the query endpoint's {@code GET /metrics} scrapes it when it is
   * a Prometheus registry. Counting outcomes never changes what the topology writes.
   */
  public static ProjectorService start(Map<String, String> config, MeterRegistry registry) {
    ProjectorSettings settings = ProjectorSettings.parse(config);
    int changesPartitions = TopicPreparation.prepare(settings);
    StreamsPartitionStores stores =
        new StreamsPartitionStores(Topics.CHANGES.name(settings.topicPrefix()), changesPartitions);
    ProjectorMetrics metrics = new ProjectorMetrics(registry, stores, changesPartitions);
    AutoCloseable jvmMeters = JvmMeters.bindTo(registry);
    Vertx vertx = Vertx.vertx();
    QueryEndpoint endpoint = null;
    try {
      endpoint =
          QueryEndpoint.bind(
              vertx, settings.httpHost(), settings.httpPort(), stores, metrics::scrape);
      String advertised = settings.advertisedHost() + ":" + endpoint.port();
      KafkaStreams streams =
          new KafkaStreams(
              ProjectorTopology.build(settings.topicPrefix(), settings.policies(), metrics),
              streamsProperties(settings, advertised, metrics));
      metrics.bindStreams(streams);
      streams.setUncaughtExceptionHandler(
          e -> {
            log.error("Projector stream thread failed; shutting Kafka Streams down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          });
      CompletableFuture<Void> firstRunning = new CompletableFuture<>();
      CompletableFuture<Void> failed = new CompletableFuture<>();
      streams.setStateListener(
          (now, before) -> {
            log.info("Kafka Streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR) {
              failed.complete(null);
            }
            if (now == KafkaStreams.State.RUNNING) {
              firstRunning.complete(null);
            } else if (!now.isRunningOrRebalancing()) {
              firstRunning.completeExceptionally(
                  new IllegalStateException("Kafka Streams stopped in state " + now));
            }
          });
      stores.attach(streams);
      streams.start();
      log.info(
          "Projector {} started: query endpoint {}, state dir {}",
          settings.applicationId(),
          advertised,
          settings.stateDir());
      return new ProjectorService(
          vertx, endpoint, streams, advertised, firstRunning, failed, metrics, jvmMeters);
    } catch (RuntimeException e) {
      if (endpoint != null) {
        endpoint.close();
      }
      closeMeters(metrics, jvmMeters);
      closeVertx(vertx);
      throw e;
    }
  }

  private static Properties streamsProperties(
      ProjectorSettings settings, String advertised, ProjectorMetrics metrics) {
    Properties props = StreamsProperties.of(settings, advertised);
    props.put(SkipUndecodableRecords.METRICS_CONFIG, metrics);
    return props;
  }

  /** The advertised {@code host:port} of the internal query endpoint. */
  public String queryEndpoint() {
    return advertised;
  }

  /**
   * Completes when Kafka Streams reaches ERROR (a stream thread failed and the client shut down):
   * the instance serves nothing any more and should be restarted. Never completes after a clean
   * {@link #close}.
   */
  public CompletableFuture<Void> failure() {
    return failed;
  }

  /** True when Kafka Streams is RUNNING (all tasks assigned and restored). */
  public boolean isRunning() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  /**
   * Waits until Kafka Streams has reached RUNNING for the first time: its tasks are assigned and
   * their state restored, so the query endpoint can answer.
   *
   * @return true if it is running, false if {@code timeout} passed first
   * @throws IllegalStateException if Kafka Streams stopped instead
   */
  public boolean awaitRunning(Duration timeout) {
    try {
      firstRunning.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "The projector did not start: " + e.getCause().getMessage(), e);
    }
  }

  /** Stops the query endpoint, then closes Kafka Streams cleanly. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      endpoint.close();
    } finally {
      // Leave the group so the partitions move at once instead of after the session timeout.
      CloseOptions options =
          CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(CLOSE_TIMEOUT);
      if (!streams.close(options)) {
        log.warn("Kafka Streams did not close within {}", CLOSE_TIMEOUT);
      }
      closeVertx(vertx);
      closeMeters(metrics, jvmMeters);
    }
  }

  private static void closeMeters(ProjectorMetrics metrics, AutoCloseable jvmMeters) {
    metrics.close();
    try {
      jvmMeters.close();
    } catch (Exception e) {
      log.warn("JVM meters did not close cleanly", e);
    }
  }

  private static void closeVertx(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("Vert.x did not close cleanly", e);
    }
  }
}
