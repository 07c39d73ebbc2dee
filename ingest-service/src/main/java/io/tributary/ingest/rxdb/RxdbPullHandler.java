package io.tributary.ingest.rxdb;

import io.tributary.ingest.auth.AuthHandler;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.collections.CollectionGuard;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.http.Bodies;
import io.tributary.ingest.metrics.IngestMetrics;
import io.tributary.ingest.pull.PullService;
import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.wire.RxdbCheckpoint;
import io.tributary.protocol.wire.RxdbPullResponse;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /v1/rxdb/{collection}/pull?cursor=&limit=}: one page of documents. An empty page
 * returns the checkpoint it was given, as RxDB expects.
 */
public final class RxdbPullHandler implements Handler<RoutingContext> {

  private final PullService pull;
  private final CollectionGuard guard;
  private final IngestMetrics metrics;

  public RxdbPullHandler(PullService pull, CollectionGuard guard, IngestMetrics metrics) {
    this.pull = pull;
    this.guard = guard;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = AuthHandler.principal(ctx);
    if (!principal.canRead()) {
      throw ApiError.forbidden("The token lacks the sync:read scope.");
    }
    String collection = RxdbCollections.of(ctx, principal, guard);
    String given = ctx.request().getParam("cursor");
    Cursor from = pull.decode(principal.tenant(), given);
    int limit = pull.pageSize(Bodies.intParam(ctx, "limit"));
    pull.pull(principal.tenant(), List.of(collection), from, limit)
        .onSuccess(
            page -> {
              metrics.documentsServed(IngestMetrics.RXDB, page.versions().size());
              String cursor =
                  page.versions().isEmpty() && given != null && !given.isEmpty()
                      ? given
                      : pull.encode(principal.tenant(), page.cursor());
              Bodies.send(
                  ctx,
                  200,
                  new RxdbPullResponse(
                      RxdbViews.documents(page.versions()), new RxdbCheckpoint(cursor)));
            })
        .onFailure(ctx::fail);
  }
}
