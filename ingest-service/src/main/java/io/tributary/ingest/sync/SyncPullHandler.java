package io.tributary.ingest.sync;

import io.tributary.ingest.auth.AuthHandler;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.http.Bodies;
import io.tributary.ingest.metrics.IngestMetrics;
import io.tributary.protocol.wire.SyncPullRequest;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;

/** {@code GET} and {@code POST /v1/sync/pull}: one page of changes after the cursor. */
public final class SyncPullHandler implements Handler<RoutingContext> {

  private final SyncPullFlow flow;
  private final IngestMetrics metrics;

  public SyncPullHandler(SyncPullFlow flow, IngestMetrics metrics) {
    this.flow = flow;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = AuthHandler.principal(ctx);
    if (!principal.canRead()) {
      throw ApiError.forbidden("The token lacks the sync:read scope.");
    }
    SyncPullRequest request =
        ctx.request().method() == HttpMethod.POST ? fromBody(ctx) : fromQuery(ctx);
    flow.pull(flow.query(principal, request))
        .onSuccess(
            result -> {
              metrics.documentsServed(IngestMetrics.SYNC, result.page().versions().size());
              Bodies.send(ctx, 200, result.answer());
            })
        .onFailure(ctx::fail);
  }

  private static SyncPullRequest fromBody(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() <= 0) {
      // Every field is optional, so an empty body is an empty request.
      return new SyncPullRequest(null, null, null);
    }
    return SyncPullFlow.request(Bodies.json(ctx));
  }

  private static SyncPullRequest fromQuery(RoutingContext ctx) {
    String cols = ctx.request().getParam("collections");
    List<String> collections =
        cols == null || cols.isBlank()
            ? null
            : Arrays.stream(cols.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    return new SyncPullRequest(
        ctx.request().getParam("cursor"), collections, Bodies.intParam(ctx, "batchSize"));
  }
}
