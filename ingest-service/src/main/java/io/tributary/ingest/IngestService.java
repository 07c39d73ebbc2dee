package io.tributary.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.common.collections.CollectionRules;
import io.tributary.common.config.ConfigSource;
import io.tributary.common.kafka.TopicSetup;
import io.tributary.common.metrics.JvmMeters;
import io.tributary.ingest.admin.AdminHandlers;
import io.tributary.ingest.admin.TenantAdmin;
import io.tributary.ingest.auth.AuthHandler;
import io.tributary.ingest.auth.TenantRateLimits;
import io.tributary.ingest.auth.TokenVerifier;
import io.tributary.ingest.auth.VerificationKeys;
import io.tributary.ingest.collections.CollectionGuard;
import io.tributary.ingest.collections.CollectionSchemas;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.http.HttpApi;
import io.tributary.ingest.http.InvalidRequests;
import io.tributary.ingest.live.DocumentsTail;
import io.tributary.ingest.live.LiveStreams;
import io.tributary.ingest.live.RxdbStreamHandler;
import io.tributary.ingest.live.SubscriberRegistry;
import io.tributary.ingest.live.SyncStreamHandler;
import io.tributary.ingest.metrics.IngestMetrics;
import io.tributary.ingest.pull.ProjectorClient;
import io.tributary.ingest.pull.PullService;
import io.tributary.ingest.push.ChangeProducer;
import io.tributary.ingest.push.ChangeStamper;
import io.tributary.ingest.push.ItemValidator;
import io.tributary.ingest.push.OutcomesConsumer;
import io.tributary.ingest.push.PendingOutcomes;
import io.tributary.ingest.push.PushService;
import io.tributary.ingest.rxdb.RxdbPullHandler;
import io.tributary.ingest.rxdb.RxdbPushHandler;
import io.tributary.ingest.sync.SyncPullFlow;
import io.tributary.ingest.sync.SyncPullHandler;
import io.tributary.ingest.sync.SyncPushFlow;
import io.tributary.ingest.sync.SyncPushHandler;
import io.tributary.ingest.ws.SyncSocketHandler;
import io.tributary.protocol.clock.HybridLogicalClock;
import io.tributary.protocol.cursor.CursorCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: the public HTTP API of both sync dialects (and dialect A's WebSocket) on one
 * port. {@link #start} creates the topics if absent, starts the producer, the outcomes listener
 * (positioned before HTTP opens), the documents tail and the HTTP server. {@link #close} stops
 * accepting, fails pending pushes with 503, ends live streams and closes the clients. Thread-safe.
 */
public final class IngestService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IngestService.class);
  private static final long START_TIMEOUT_MS = 60_000;

  /** Connections per projector instance: pulls fan out to every owner at once. */
  private static final int PROJECTOR_CONNECTIONS = 32;

  private final Deque<AutoCloseable> resources;
  private final PendingOutcomes pending;
  private final SubscriberRegistry registry;
  private final HttpServer server;
  private volatile boolean closed;

  private IngestService(
      Deque<AutoCloseable> resources,
      PendingOutcomes pending,
      SubscriberRegistry registry,
      HttpServer server) {
    this.resources = resources;
    this.pending = pending;
    this.registry = registry;
    this.server = server;
  }

  /**
   * Starts the service and returns once HTTP is bound and the outcomes consumer is positioned.
   *
   * @param config flat settings (see {@link IngestSettings}); {@code kafka.*} keys pass through
   * @throws org.apache.kafka.common.config.ConfigException naming the key of a bad value
   * @throws IllegalStateException when Kafka or the HTTP port is not available
   */
  public static IngestService start(Map<String, String> config) {
    return start(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * Starts the service with its meters in {@code registry} (one registry per service instance, so
   * two services in one JVM keep theirs apart); {@code GET /metrics} scrapes it when it is a
   * Prometheus registry.
   */
  public static IngestService start(Map<String, String> config, MeterRegistry meterRegistry) {
    IngestSettings settings = IngestSettings.parse(config);
    CollectionRules collections = CollectionRules.from(config);
    CollectionSchemas schemas = CollectionSchemas.compile(collections);
    CollectionGuard guard = new CollectionGuard(collections);
    Map<String, Object> kafka = ConfigSource.kafkaPassThrough(config);
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    IngestMetrics metrics = new IngestMetrics(meterRegistry);
    try {
      opened.push(JvmMeters.bindTo(meterRegistry));
      try (Admin admin = Admin.create(kafka)) {
        TopicSetup.ensureTopics(admin, settings.config(), 30_000);
      }
      String prefix = settings.topicPrefix();
      PendingOutcomes pending = new PendingOutcomes();
      OutcomesConsumer outcomes =
          OutcomesConsumer.start(
              kafka, prefix, settings.instanceId(), settings.outcomesPartition(), pending);
      opened.push(outcomes);
      opened.push(outcomes.bindMetrics(meterRegistry));
      ChangeProducer producer = ChangeProducer.create(kafka, prefix, settings.instanceId());
      opened.push(producer);
      opened.push(producer.bindMetrics(meterRegistry));
      SubscriberRegistry registry = new SubscriberRegistry(metrics);
      DocumentsTail tail = DocumentsTail.start(kafka, prefix, settings.instanceId(), registry);
      opened.push(tail);
      opened.push(tail.bindMetrics(meterRegistry));

      Vertx vertx = Vertx.vertx();
      opened.push(() -> await(vertx.close()));
      HttpClientAgent http =
          vertx.createHttpClient(
              new HttpClientOptions().setConnectTimeout(5_000),
              new PoolOptions().setHttp1MaxSize(PROJECTOR_CONNECTIONS));
      opened.push(() -> await(http.close()));

      HybridLogicalClock clock = HybridLogicalClock.system();
      ProjectorClient projector = new ProjectorClient(http, settings.projectorEndpoints());
      PushService push =
          new PushService(
              new ChangeStamper(clock, settings.clockMaxSkewMs(), collections),
              producer::sendAll,
              pending,
              outcomes.partition(),
              settings.pushTimeoutMs(),
              metrics,
              settings.pushMaxInFlightChanges(),
              new TenantRateLimits(
                  "changes",
                  settings.rateLimitTenantChanges(),
                  settings.rateLimitTenantChangesBurst(),
                  System::nanoTime,
                  metrics::changeRateLimited));
      PullService pull =
          new PullService(
              projector, new CursorCodec(settings.cursorSecret()), settings.pullMaxBatch());
      ItemValidator validator =
          new ItemValidator(settings.documentMaxBytes(), collections, schemas);
      int maxChanges = settings.pushMaxChanges();
      int pageSize = settings.pullMaxBatch();
      long heartbeat = settings.sseHeartbeatMs();
      VerificationKeys keys = settings.verificationKeys();
      opened.push(keys);
      TokenVerifier verifier = new TokenVerifier(settings.authSecret(), keys);
      TenantRateLimits limits =
          new TenantRateLimits(
              settings.rateLimitTenantRps(),
              settings.rateLimitTenantBurst(),
              System::nanoTime,
              metrics::requestRateLimited);
      SyncPushFlow syncPush = new SyncPushFlow(validator, push, maxChanges);
      SyncPullFlow syncPull = new SyncPullFlow(pull, guard);
      LiveStreams streams = new LiveStreams(pull, guard, registry, pageSize, heartbeat);
      WorkerExecutor historyWorkers =
          vertx.createSharedWorkerExecutor(
              "tributary-admin-history", TenantAdmin.MAX_HISTORY_LOOKUPS);
      opened.push(() -> await(historyWorkers.close()));
      AdminHandlers admin =
          new AdminHandlers(
              new TenantAdmin(
                  projector,
                  producer::sendToEachPartition,
                  pending,
                  clock,
                  outcomes.partition(),
                  settings.adminResetTimeoutMs(),
                  kafka,
                  prefix,
                  settings.instanceId(),
                  historyWorkers,
                  settings.adminHistoryMaxScanMs()));
      HttpApi.Handlers handlers =
          new HttpApi.Handlers(
              new AuthHandler(verifier, limits),
              new SyncPushHandler(syncPush),
              new SyncPullHandler(syncPull, metrics),
              new SyncStreamHandler(streams),
              new SyncSocketHandler(
                  verifier,
                  syncPush,
                  syncPull,
                  registry,
                  heartbeat,
                  settings.maxBodyBytes(),
                  limits,
                  metrics),
              new RxdbPushHandler(validator, push, guard, maxChanges),
              new RxdbPullHandler(pull, guard, metrics),
              new RxdbStreamHandler(streams),
              new HttpApi.AdminRoutes(admin.evict(), admin.stats(), admin.history()));
      HttpServerOptions serverOptions = HttpApi.serverOptions(settings.maxBodyBytes());
      HttpServer server =
          await(
              vertx
                  .createHttpServer(serverOptions)
                  .invalidRequestHandler(new InvalidRequests(serverOptions))
                  .requestHandler(
                      HttpApi.router(
                          vertx,
                          handlers,
                          settings.maxBodyBytes(),
                          settings.corsAllowedOrigins(),
                          () -> producer.isOpen() && outcomes.isRunning(),
                          metrics))
                  .listen(settings.httpPort(), settings.httpHost()));
      log.info(
          "Ingest instance {} listening on http://{}:{} (outcomes partition {})",
          settings.instanceId(),
          settings.httpHost(),
          server.actualPort(),
          outcomes.partition());
      return new IngestService(opened, pending, registry, server);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  /** The bound HTTP port (the real one when {@code http.port} was 0). */
  public int httpPort() {
    return server.actualPort();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("Ingest service stopping");
    try {
      await(server.close());
    } catch (RuntimeException e) {
      log.warn("HTTP server did not close cleanly", e);
    }
    pending.failAll(ApiError.unavailable("The server is stopping; push again.", 1));
    registry.shutdownAll();
    closeAll(resources);
    log.info("Ingest service stopped");
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("Closing {} failed", resource.getClass().getSimpleName(), e);
      }
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out", e);
    }
  }
}
