package io.tributary.ingest.http;

import io.tributary.ingest.metrics.IngestMetrics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The public routes of both dialects, their guards and the one failure handler. Each API route
 * runs: CORS (when configured), protocol and content-type guards, body reading (bounded), token
 * check, then its handler (Vert.x Web requires body handlers before user handlers).
 */
public final class HttpApi {

  /**
   * Headroom above {@code http.max.body.bytes} for WebSocket messages: the frame's envelope around
   * a payload, and room for the socket to answer an oversized message itself (with 1009) instead of
   * the transport dropping it.
   */
  static final int WEBSOCKET_HEADROOM_BYTES = 65_536;

  /** The handlers of every API route. */
  public record Handlers(
      Handler<RoutingContext> auth,
      Handler<RoutingContext> syncPush,
      Handler<RoutingContext> syncPull,
      Handler<RoutingContext> syncStream,
      Handler<RoutingContext> syncSocket,
      Handler<RoutingContext> rxdbPush,
      Handler<RoutingContext> rxdbPull,
      Handler<RoutingContext> rxdbStream,
      AdminRoutes admin) {}

  /** The admin API's handlers; null leaves its routes out. */
  public record AdminRoutes(
      Handler<RoutingContext> evict,
      Handler<RoutingContext> stats,
      Handler<RoutingContext> history) {}

  private HttpApi() {}

  /**
   * The options of the public server: WebSocket messages and frames are bounded by {@code
   * maxBodyBytes} plus {@link #WEBSOCKET_HEADROOM_BYTES}; larger ones are dropped by the transport.
   */
  public static HttpServerOptions serverOptions(long maxBodyBytes) {
    int max = (int) Math.min(maxBodyBytes + WEBSOCKET_HEADROOM_BYTES, Integer.MAX_VALUE);
    return new HttpServerOptions().setMaxWebSocketFrameSize(max).setMaxWebSocketMessageSize(max);
  }

  /**
   * @param maxBodyBytes larger bodies get 413
   * @param corsOrigins origins browsers may call from ({@code *} for any); empty turns CORS off
   * @param ready whether the instance can serve pushes now (for {@code /health/ready})
   * @param metrics what push and pull requests are counted into; {@code GET /metrics} scrapes it
   */
  public static Router router(
      Vertx vertx,
      Handlers h,
      long maxBodyBytes,
      List<String> corsOrigins,
      BooleanSupplier ready,
      IngestMetrics metrics) {
    Router router = Router.router(vertx);
    Cors.handler(corsOrigins).ifPresent(cors -> router.route().handler(cors));
    RequestGuards guards = new RequestGuards();
    BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);

    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.vertx()
                    .executeBlocking(metrics::scrape)
                    .onSuccess(
                        text ->
                            ctx.response()
                                .putHeader("Content-Type", IngestMetrics.CONTENT_TYPE)
                                .end(text))
                    .onFailure(ctx::fail));
    Handler<RoutingContext> syncPushTimer =
        timed(
            (status, nanos) ->
                metrics.pushRequest(IngestMetrics.SYNC, IngestMetrics.HTTP, status, nanos));
    Handler<RoutingContext> rxdbPushTimer =
        timed(
            (status, nanos) ->
                metrics.pushRequest(IngestMetrics.RXDB, IngestMetrics.HTTP, status, nanos));
    Handler<RoutingContext> syncPullTimer =
        timed((status, nanos) -> metrics.pull(IngestMetrics.SYNC, IngestMetrics.HTTP, nanos));
    Handler<RoutingContext> rxdbPullTimer =
        timed((status, nanos) -> metrics.pull(IngestMetrics.RXDB, IngestMetrics.HTTP, nanos));

    router.head("/v1/sync").handler(ctx -> ctx.response().setStatusCode(200).end());
    router.get("/health/live").handler(ctx -> Bodies.send(ctx, 200, new Health("up")));
    router
        .get("/health/ready")
        .handler(
            ctx -> {
              if (ready.getAsBoolean()) {
                Bodies.send(ctx, 200, new Health("ready"));
              } else {
                ctx.response().putHeader("Retry-After", "1");
                Bodies.send(ctx, 503, new Health("starting"));
              }
            });

    router
        .post("/v1/sync/push")
        .handler(syncPushTimer)
        .handler(guards)
        .handler(body)
        .handler(h.auth())
        .handler(h.syncPush());
    router
        .post("/v1/sync/pull")
        .handler(syncPullTimer)
        .handler(guards)
        .handler(body)
        .handler(h.auth())
        .handler(h.syncPull());
    router
        .get("/v1/sync/pull")
        .handler(syncPullTimer)
        .handler(guards)
        .handler(h.auth())
        .handler(h.syncPull());
    router.get("/v1/sync/stream").handler(guards).handler(h.auth()).handler(h.syncStream());
    // Authenticated by its first frame: browsers cannot set headers on a WebSocket.
    router.get("/v1/sync/ws").handler(guards).handler(h.syncSocket());
    router
        .post("/v1/rxdb/:collection/push")
        .handler(rxdbPushTimer)
        .handler(guards)
        .handler(body)
        .handler(h.auth())
        .handler(h.rxdbPush());
    router
        .get("/v1/rxdb/:collection/pull")
        .handler(rxdbPullTimer)
        .handler(guards)
        .handler(h.auth())
        .handler(h.rxdbPull());
    router
        .get("/v1/rxdb/:collection/pullStream")
        .handler(guards)
        .handler(h.auth())
        .handler(h.rxdbStream());

    if (h.admin() != null) {
      router
          .post("/v1/admin/evict")
          .handler(guards)
          .handler(body)
          .handler(h.auth())
          .handler(h.admin().evict());
      router.get("/v1/admin/stats").handler(guards).handler(h.auth()).handler(h.admin().stats());
      router
          .get("/v1/admin/history")
          .handler(guards)
          .handler(h.auth())
          .handler(h.admin().history());
    }

    FailureHandler failures = new FailureHandler(AllowedMethods.of(router.getRoutes()));
    router.route().failureHandler(failures);
    for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500, 503}) {
      router.errorHandler(status, failures);
    }
    return router;
  }

  /** What a timed route reports when its response ends. */
  private interface Timing {
    void ended(int status, long nanos);
  }

  /** Starts a clock for the request and reports its status and duration when the answer ends. */
  private static Handler<RoutingContext> timed(Timing timing) {
    return new Timed(timing);
  }

  /**
   * A platform handler, so it may run before the body handler (Vert.x Web orders platform handlers
   * first) and also times requests refused while reading the body.
   */
  private record Timed(Timing timing) implements PlatformHandler {
    @Override
    public void handle(RoutingContext ctx) {
      long start = System.nanoTime();
      ctx.addEndHandler(
          v -> timing.ended(ctx.response().getStatusCode(), System.nanoTime() - start));
      ctx.next();
    }
  }

  /** Body of the health endpoints. */
  public record Health(String status) {}
}
