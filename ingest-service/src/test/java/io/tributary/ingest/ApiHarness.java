package io.tributary.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.common.collections.CollectionRules;
import io.tributary.ingest.auth.AuthHandler;
import io.tributary.ingest.auth.TenantRateLimits;
import io.tributary.ingest.auth.TokenVerifier;
import io.tributary.ingest.collections.CollectionGuard;
import io.tributary.ingest.collections.CollectionSchemas;
import io.tributary.ingest.http.HttpApi;
import io.tributary.ingest.http.InvalidRequests;
import io.tributary.ingest.live.LiveStreams;
import io.tributary.ingest.live.RxdbStreamHandler;
import io.tributary.ingest.live.SubscriberRegistry;
import io.tributary.ingest.live.SyncStreamHandler;
import io.tributary.ingest.metrics.IngestMetrics;
import io.tributary.ingest.pull.ProjectorClient;
import io.tributary.ingest.pull.PullService;
import io.tributary.ingest.push.ChangeStamper;
import io.tributary.ingest.push.ItemValidator;
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
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The real router and handlers on an ephemeral port, with Kafka replaced: produced records are kept
 * in a list and answered by a function acting as the projector (null: never answered).
 */
public final class ApiHarness implements AutoCloseable {

  public static final byte[] CURSOR_SECRET =
      "cursor-secret-0123456789".getBytes(StandardCharsets.UTF_8);
  public static final int REPLY_PARTITION = 3;
  public static final long HEARTBEAT_MS = 200;
  public static final long MAX_BODY_BYTES = 8192;

  public final Vertx vertx;
  public final PendingOutcomes pending = new PendingOutcomes();
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  public final IngestMetrics metrics = new IngestMetrics(meters);
  public final SubscriberRegistry registry = new SubscriberRegistry(metrics);
  public final List<ChangeRecord> produced = new CopyOnWriteArrayList<>();
  public final CursorCodec cursors = new CursorCodec(CURSOR_SECRET);
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  public ApiHarness(
      Vertx vertx,
      String projectorEndpoint,
      long pushTimeoutMs,
      Function<ChangeRecord, Outcome> projector)
      throws Exception {
    this(vertx, projectorEndpoint, pushTimeoutMs, projector, List.of());
  }

  /**
   * @param corsOrigins the {@code http.cors.allowed.origins} of the server (empty: CORS off)
   */
  public ApiHarness(
      Vertx vertx,
      String projectorEndpoint,
      long pushTimeoutMs,
      Function<ChangeRecord, Outcome> projector,
      List<String> corsOrigins)
      throws Exception {
    this(vertx, projectorEndpoint, pushTimeoutMs, projector, corsOrigins, Map.of());
  }

  /**
   * @param collectionSettings the per-collection keys of the server ({@code collections.strict},
   *     {@code collection.<name>.*}, {@code collections})
   */
  public ApiHarness(
      Vertx vertx,
      String projectorEndpoint,
      long pushTimeoutMs,
      Function<ChangeRecord, Outcome> projector,
      List<String> corsOrigins,
      Map<String, String> collectionSettings)
      throws Exception {
    this(vertx, projectorEndpoint, pushTimeoutMs, projector, corsOrigins, collectionSettings, null);
  }

  /**
   * @param admin the admin routes of the server (null: left out)
   */
  public ApiHarness(
      Vertx vertx,
      String projectorEndpoint,
      long pushTimeoutMs,
      Function<ChangeRecord, Outcome> projector,
      List<String> corsOrigins,
      Map<String, String> collectionSettings,
      HttpApi.AdminRoutes admin)
      throws Exception {
    this(
        vertx,
        projectorEndpoint,
        pushTimeoutMs,
        projector,
        corsOrigins,
        collectionSettings,
        admin,
        TenantRateLimits.OFF);
  }

  /**
   * @param limits the per-tenant rate limits of the server (HTTP requests and WebSocket frames)
   */
  public ApiHarness(
      Vertx vertx,
      String projectorEndpoint,
      long pushTimeoutMs,
      Function<ChangeRecord, Outcome> projector,
      List<String> corsOrigins,
      Map<String, String> collectionSettings,
      HttpApi.AdminRoutes admin,
      TenantRateLimits limits)
      throws Exception {
    this.vertx = vertx;
    CollectionRules collections = CollectionRules.from(collectionSettings);
    CollectionGuard guard = new CollectionGuard(collections);
    PushService push =
        new PushService(
            new ChangeStamper(HybridLogicalClock.system(), 60_000, collections),
            records -> {
              produced.addAll(records);
              if (projector != null) {
                CompletableFuture.runAsync(
                    () ->
                        records.forEach(
                            r -> {
                              Outcome outcome = projector.apply(r);
                              if (outcome != null) {
                                pending.complete(outcome);
                              }
                            }));
              }
              return CompletableFuture.completedFuture(null);
            },
            pending,
            REPLY_PARTITION,
            pushTimeoutMs,
            metrics);
    PullService pull =
        new PullService(
            new ProjectorClient(vertx.createHttpClient(), List.of(projectorEndpoint)),
            cursors,
            1000);
    ItemValidator validator =
        new ItemValidator(4096, collections, CollectionSchemas.compile(collections));
    TokenVerifier verifier = new TokenVerifier(Tokens.SECRET.getBytes(StandardCharsets.UTF_8));
    SyncPushFlow syncPush = new SyncPushFlow(validator, push, 5);
    SyncPullFlow syncPull = new SyncPullFlow(pull, guard);
    LiveStreams streams = new LiveStreams(pull, guard, registry, 100, HEARTBEAT_MS);
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
                HEARTBEAT_MS,
                MAX_BODY_BYTES,
                limits,
                metrics),
            new RxdbPushHandler(validator, push, guard, 5),
            new RxdbPullHandler(pull, guard, metrics),
            new RxdbStreamHandler(streams),
            admin);
    HttpServerOptions options = HttpApi.serverOptions(MAX_BODY_BYTES);
    server =
        vertx
            .createHttpServer(options)
            .invalidRequestHandler(new InvalidRequests(options))
            .requestHandler(
                HttpApi.router(vertx, handlers, MAX_BODY_BYTES, corsOrigins, () -> true, metrics))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  public int port() {
    return server.actualPort();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(java.time.Duration.ofSeconds(20));
  }

  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> postJson(String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  public HttpResponse<String> get(String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = request(path).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  public HttpClient client() {
    return client;
  }

  @Override
  public void close()
      throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
