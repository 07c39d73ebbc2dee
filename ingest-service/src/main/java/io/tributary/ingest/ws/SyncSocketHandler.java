package io.tributary.ingest.ws;

import io.tributary.ingest.auth.TenantRateLimits;
import io.tributary.ingest.auth.TokenVerifier;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.live.SubscriberRegistry;
import io.tributary.ingest.metrics.IngestMetrics;
import io.tributary.ingest.sync.SyncPullFlow;
import io.tributary.ingest.sync.SyncPushFlow;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/sync/ws}: upgrades to a WebSocket speaking dialect A's frames (see {@link
 * SyncSocket}). Authentication happens in the first frame, not on the upgrade request, because
 * browsers cannot set headers on a WebSocket.
 */
public final class SyncSocketHandler implements Handler<RoutingContext> {

  private final SocketServices services;

  /**
   * @param heartbeatMs interval of the WebSocket pings that keep idle connections open
   * @param maxFrameBytes larger client messages close the connection with 1009, like a request body
   *     larger than {@code http.max.body.bytes} gets 413
   * @param limits each push and pull frame takes one request of the tenant's allowance
   * @param metrics push and pull frames are counted as requests with the transport {@code
   *     websocket}
   */
  public SyncSocketHandler(
      TokenVerifier verifier,
      SyncPushFlow push,
      SyncPullFlow pull,
      SubscriberRegistry registry,
      long heartbeatMs,
      long maxFrameBytes,
      TenantRateLimits limits,
      IngestMetrics metrics) {
    this.services =
        new SocketServices(
            verifier, push, pull, registry, limits, metrics, heartbeatMs, maxFrameBytes);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!ctx.request().canUpgradeToWebSocket()) {
      throw ApiError.badRequest(
          "This endpoint speaks WebSocket; open it with an Upgrade: websocket request.");
    }
    ctx.request()
        .toWebSocket()
        .onSuccess(ws -> new SyncSocket(ws, ctx.vertx(), services).start())
        .onFailure(ctx::fail);
  }
}
