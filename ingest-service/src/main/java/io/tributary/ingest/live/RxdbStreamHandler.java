package io.tributary.ingest.live;

import io.tributary.ingest.auth.Principal;
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

  private final LiveStreams streams;

  public RxdbStreamHandler(LiveStreams streams) {
    this.streams = streams;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = LiveStreams.reader(ctx);
    String collection = ctx.pathParam("collection");
    if (!Names.isValidCollection(collection)) {
      throw ApiError.badRequest("Collection names match [a-z][a-z0-9_-]{0,63}.");
    }
    if (!principal.mayTouch(collection)) {
      throw ApiError.forbidden("The token may not read collection " + collection + ".");
    }
    streams.guard().requireKnown(collection);
    String given = ctx.request().getParam("cursor");
    String tenant = principal.tenant();
    PullService pull = streams.pull();
    LiveStream stream = streams.open(ctx, tenant, List.of(collection), new RxdbEventFormat());
    if (given == null || given.isEmpty()) {
      stream.start(() -> pull.now(tenant, List.of(collection)), false);
    } else {
      var from = pull.decode(tenant, given);
      stream.start(() -> Future.succeededFuture(from), true);
    }
  }
}
