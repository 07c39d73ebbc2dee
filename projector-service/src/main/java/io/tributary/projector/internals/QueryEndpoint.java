package io.tributary.projector.internals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projector's internal HTTP API: {@code POST /internal/v1/scan}, {@code GET
 * /internal/v1/owners}, {@code GET /internal/v1/tenant}, {@code POST /internal/v1/outcomes}, {@code
 * GET /health/live}, {@code GET /health/ready}, {@code GET /metrics}. Errors are JSON in
 * PROTOCOL.md's shape; 503 answers carry {@code Retry-After}.
 */
public final class QueryEndpoint implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QueryEndpoint.class);
  private static final int WORKER_THREADS = 4;
  private static final int MAX_IN_FLIGHT = 64;
  private static final long MAX_BODY_BYTES = 1 << 20;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PartitionStores stores;
  private final Supplier<String> metrics;
  private final BoundedWorkers workers;
  private HttpServer server;

  private QueryEndpoint(Vertx vertx, PartitionStores stores, Supplier<String> metrics) {
    this.stores = stores;
    this.metrics = metrics;
    this.workers =
        new BoundedWorkers(vertx, "tributary-projector-query", WORKER_THREADS, MAX_IN_FLIGHT);
  }

  /**
   * Binds the endpoint and returns once it listens.
   *
   * @param port 0 picks a free port; {@link #port()} tells which
   * @param metrics what {@code GET /metrics} answers (the Prometheus text exposition); called on a
   *     worker thread, never on the event loop
   * @throws IllegalStateException if the address cannot be bound
   */
  public static QueryEndpoint bind(
      Vertx vertx, String host, int port, PartitionStores stores, Supplier<String> metrics) {
    QueryEndpoint endpoint = new QueryEndpoint(vertx, stores, metrics);
    Future<HttpServer> listening =
        vertx
            .createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
            .requestHandler(endpoint.router(vertx))
            .listen();
    try {
      endpoint.server =
          listening
              .toCompletionStage()
              .toCompletableFuture()
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return endpoint;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      endpoint.workers.close();
      throw new IllegalStateException("interrupted while binding the query endpoint", e);
    } catch (ExecutionException | TimeoutException e) {
      endpoint.workers.close();
      throw new IllegalStateException(
          "cannot bind the query endpoint on "
              + host
              + ":"
              + port
              + ": free the port or set projector.http.port",
          e.getCause() == null ? e : e.getCause());
    }
  }

  /** The bound port. */
  public int port() {
    return server.actualPort();
  }

  /** Stops listening, then stops the worker pool. */
  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("The query endpoint did not close cleanly", e);
    } finally {
      workers.close();
    }
  }

  private Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/health/live").handler(ctx -> HttpReplies.json(ctx, 200, Map.of("status", "live")));
    router.get("/health/ready").handler(this::ready);
    router.get("/internal/v1/owners").handler(this::owners);
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.vertx()
                    .executeBlocking(metrics::get)
                    .onSuccess(
                        text ->
                            ctx.response()
                                .putHeader("Content-Type", METRICS_CONTENT_TYPE)
                                .end(text))
                    .onFailure(ctx::fail));
    router
        .post("/internal/v1/scan")
        .handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
        .handler(new ScanHandler(stores, workers));
    TenantHandlers tenants = new TenantHandlers(stores, workers);
    router.get("/internal/v1/tenant").handler(tenants::stats);
    router
        .post("/internal/v1/outcomes")
        .handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
        .handler(tenants::outcomes);
    router.route().last().handler(ctx -> HttpReplies.error(ctx, 404, "not_found", "no such route"));
    router.errorHandler(
        413, ctx -> HttpReplies.error(ctx, 413, "body_too_large", "send a smaller scan request"));
    router.errorHandler(
        500,
        ctx -> {
          log.error("Query endpoint failure on {}", ctx.request().path(), ctx.failure());
          HttpReplies.error(ctx, 500, "internal_error", "the projector failed; retry later");
        });
    return router;
  }

  private void ready(RoutingContext ctx) {
    if (stores.isRunning()) {
      HttpReplies.json(ctx, 200, Map.of("status", "ready"));
    } else {
      HttpReplies.error(ctx, 503, "not_ready", "Kafka Streams is not running yet; retry later");
    }
  }

  private void owners(RoutingContext ctx) {
    workers
        .run(ctx, stores::owners)
        .onSuccess(
            owners -> {
              if (owners.isPresent()) {
                HttpReplies.json(ctx, 200, owners.get());
              } else {
                HttpReplies.error(
                    ctx, 503, "not_ready", "Kafka Streams is not running; retry later");
              }
            });
  }
}
