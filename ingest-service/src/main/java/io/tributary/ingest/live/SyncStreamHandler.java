package io.tributary.ingest.live;

import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.pull.PullService;
import io.tributary.protocol.cursor.Cursor;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;

/** {@code GET /v1/sync/stream?cursor=&collections=}: dialect A's live stream. */
public final class SyncStreamHandler implements Handler<RoutingContext> {

  private final LiveStreams streams;

  public SyncStreamHandler(LiveStreams streams) {
    this.streams = streams;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = LiveStreams.reader(ctx);
    String cols = ctx.request().getParam("collections");
    List<String> requested =
        cols == null || cols.isBlank()
            ? null
            : Arrays.stream(cols.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    List<String> collections = PullService.collections(principal, requested);
    streams.guard().requireKnown(collections);
    Cursor from = streams.pull().decode(principal.tenant(), ctx.request().getParam("cursor"));
    streams
        .open(ctx, principal.tenant(), collections, new SyncEventFormat())
        .start(() -> Future.succeededFuture(from), true);
  }
}
