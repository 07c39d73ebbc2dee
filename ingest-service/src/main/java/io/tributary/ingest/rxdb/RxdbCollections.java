package io.tributary.ingest.rxdb;

import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.collections.CollectionGuard;
import io.tributary.ingest.http.ApiError;
import io.tributary.protocol.model.Names;
import io.vertx.ext.web.RoutingContext;

/**
 * The {@code {collection}} path parameter of dialect B, checked against the token and strict mode.
 */
final class RxdbCollections {

  private RxdbCollections() {}

  /**
   * @throws io.tributary.ingest.http.ApiError 400 for an invalid name, 403 for a collection outside
   *     the token's, 404 {@code unknown_collection} in strict mode for one not configured
   */
  static String of(RoutingContext ctx, Principal principal, CollectionGuard guard) {
    String collection = ctx.pathParam("collection");
    if (!Names.isValidCollection(collection)) {
      throw ApiError.badRequest("Collection names match [a-z][a-z0-9_-]{0,63}.");
    }
    if (!principal.mayTouch(collection)) {
      throw ApiError.forbidden("The token may not touch collection " + collection + ".");
    }
    guard.requireKnown(collection);
    return collection;
  }
}
