package io.tributary.ingest.sync;

import io.tributary.ingest.auth.AuthHandler;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.http.Bodies;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/sync/push}: validates each change, pushes the valid ones, answers per item. */
public final class SyncPushHandler implements Handler<RoutingContext> {

  private final SyncPushFlow flow;

  public SyncPushHandler(SyncPushFlow flow) {
    this.flow = flow;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = AuthHandler.principal(ctx);
    SyncPushFlow.requireWriter(principal);
    flow.push(principal, Bodies.json(ctx), ctx.vertx().getOrCreateContext())
        .onSuccess(answer -> Bodies.send(ctx, 200, answer))
        .onFailure(ctx::fail);
  }
}
