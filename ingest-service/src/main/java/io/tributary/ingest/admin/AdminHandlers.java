package io.tributary.ingest.admin;

import io.tributary.ingest.auth.AuthHandler;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.http.Bodies;
import io.tributary.protocol.model.DocKey;
import io.tributary.protocol.model.Names;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The admin API's routes, each on the token's tenant and only with the {@code admin} scope: {@code
 * POST /v1/admin/evict}, {@code GET /v1/admin/stats}, {@code GET
 * /v1/admin/history?collection=&id=&limit=}.
 */
public final class AdminHandlers {

  private final TenantAdmin admin;

  public AdminHandlers(TenantAdmin admin) {
    this.admin = admin;
  }

  public Handler<RoutingContext> evict() {
    return ctx ->
        admin
            .evict(adminOf(ctx).tenant())
            .onSuccess(answer -> Bodies.send(ctx, 200, answer))
            .onFailure(ctx::fail);
  }

  public Handler<RoutingContext> stats() {
    return ctx ->
        admin
            .stats(adminOf(ctx).tenant())
            .onSuccess(answer -> Bodies.send(ctx, 200, answer))
            .onFailure(ctx::fail);
  }

  public Handler<RoutingContext> history() {
    return ctx -> {
      Principal principal = adminOf(ctx);
      String collection = ctx.request().getParam("collection");
      String id = ctx.request().getParam("id");
      if (collection == null || !Names.isValidCollection(collection)) {
        throw ApiError.badRequest("collection is required and must match [a-z][a-z0-9_-]{0,63}.");
      }
      if (id == null || !Names.isValidRecordId(id)) {
        throw ApiError.badRequest("id is required: 1 to 256 characters, no control characters.");
      }
      Integer limit = Bodies.intParam(ctx, "limit");
      if (limit != null && (limit < 1 || limit > TenantAdmin.MAX_HISTORY_LIMIT)) {
        throw ApiError.badRequest(
            "limit must be between 1 and " + TenantAdmin.MAX_HISTORY_LIMIT + ".");
      }
      admin
          .history(new DocKey(principal.tenant(), collection, id), limit == null ? 100 : limit)
          .onSuccess(answer -> Bodies.send(ctx, 200, answer))
          .onFailure(ctx::fail);
    };
  }

  private static Principal adminOf(RoutingContext ctx) {
    Principal principal = AuthHandler.principal(ctx);
    if (!principal.scopes().contains(Principal.ADMIN)) {
      throw ApiError.forbidden("The token lacks the admin scope.");
    }
    return principal;
  }
}
