package io.tributary.ingest.live;

import io.tributary.ingest.auth.AuthHandler;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.collections.CollectionGuard;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.pull.PullService;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * What the live stream handlers of every dialect share: the pull service a stream catches up from,
 * the guard of known collections, the registry a stream goes live on, its page size and heartbeat.
 */
public record LiveStreams(
    PullService pull,
    CollectionGuard guard,
    SubscriberRegistry registry,
    int pageSize,
    long heartbeatMs) {

  /**
   * The principal of a stream request.
   *
   * @throws ApiError 403 when the token lacks {@code sync:read}
   */
  static Principal reader(RoutingContext ctx) {
    Principal principal = AuthHandler.principal(ctx);
    if (!principal.canRead()) {
      throw ApiError.forbidden("The token lacks the sync:read scope.");
    }
    return principal;
  }

  /**
   * A stream for one request, not yet started.
   *
   * @param collections the collections streamed, or null for all of the tenant's
   */
  LiveStream open(RoutingContext ctx, String tenant, List<String> collections, EventFormat format) {
    return new LiveStream(ctx, tenant, collections, pull, registry, format, pageSize, heartbeatMs);
  }
}
