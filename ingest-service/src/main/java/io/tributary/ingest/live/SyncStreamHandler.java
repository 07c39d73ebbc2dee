package io.tributary.ingest.live;

import io.tributary.ingest.auth.AuthHandler;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.collections.CollectionGuard;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.pull.PullService;
import io.tributary.protocol.cursor.Cursor;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;

/** {@code GET /v1/sync/stream?cursor=&collections=}: dialect A's live stream. */
public final class SyncStreamHandler implements Handler<RoutingContext> {

  private final PullService pull;
  private final CollectionGuard guard;
  private final SubscriberRegistry registry;
  private final int pageSize;
  private final long heartbeatMs;

  public SyncStreamHandler(
      PullService pull,
      CollectionGuard guard,
      SubscriberRegistry registry,
      int pageSize,
      long heartbeatMs) {
    this.pull = pull;
    this.guard = guard;
    this.registry = registry;
    this.pageSize = pageSize;
    this.heartbeatMs = heartbeatMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = AuthHandler.principal(ctx);
    if (!principal.canRead()) {
      throw ApiError.forbidden("The token lacks the sync:read scope.");
    }
    String cols = ctx.request().getParam("collections");
    List<String> requested =
        cols == null || cols.isBlank()
            ? null
            : Arrays.stream(cols.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    List<String> collections = PullService.collections(principal, requested);
    guard.requireKnown(collections);
    Cursor from = pull.decode(principal.tenant(), ctx.request().getParam("cursor"));
    new LiveStream(
            ctx,
            principal.tenant(),
            collections,
            pull,
            registry,
            new SyncEventFormat(),
            pageSize,
            heartbeatMs)
        .start(() -> Future.succeededFuture(from), true);
  }
}
