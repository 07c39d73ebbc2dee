package io.tributary.ingest.live;

import io.tributary.ingest.auth.AuthHandler;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.collections.CollectionGuard;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.pull.PullService;
import io.tributary.protocol.model.Names;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /v1/rxdb/{collection}/pullStream?cursor=}: dialect B's live stream. Without a cursor
 * it goes live from the current watermarks (RxDB pulls the past itself after {@code "RESYNC"}).
 */
public final class RxdbStreamHandler implements Handler<RoutingContext> {

  private final PullService pull;
  private final CollectionGuard guard;
  private final SubscriberRegistry registry;
  private final int pageSize;
  private final long heartbeatMs;

  public RxdbStreamHandler(
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
    String collection = ctx.pathParam("collection");
    if (!Names.isValidCollection(collection)) {
      throw ApiError.badRequest("Collection names match [a-z][a-z0-9_-]{0,63}.");
    }
    if (!principal.mayTouch(collection)) {
      throw ApiError.forbidden("The token may not read collection " + collection + ".");
    }
    guard.requireKnown(collection);
    String given = ctx.request().getParam("cursor");
    String tenant = principal.tenant();
    LiveStream stream =
        new LiveStream(
            ctx,
            tenant,
            List.of(collection),
            pull,
            registry,
            new RxdbEventFormat(),
            pageSize,
            heartbeatMs);
    if (given == null || given.isEmpty()) {
      stream.start(() -> pull.now(tenant, List.of(collection)), false);
    } else {
      var from = pull.decode(tenant, given);
      stream.start(() -> Future.succeededFuture(from), true);
    }
  }
}
