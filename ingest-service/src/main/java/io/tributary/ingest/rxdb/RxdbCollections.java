package io.tributary.ingest.rxdb;

import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.http.ApiError;
import io.tributary.protocol.model.Names;
import io.vertx.ext.web.RoutingContext;

/** The {@code {collection}} path parameter of dialect B, checked against the token. */
final class RxdbCollections {

  private RxdbCollections() {}

  static String of(RoutingContext ctx, Principal principal) {
    String collection = ctx.pathParam("collection");
    if (!Names.isValidCollection(collection)) {
      throw ApiError.badRequest("Collection names match [a-z][a-z0-9_-]{0,63}.");
    }
    if (!principal.mayTouch(collection)) {
      throw ApiError.forbidden("The token may not touch collection " + collection + ".");
    }
    return collection;
  }
}
