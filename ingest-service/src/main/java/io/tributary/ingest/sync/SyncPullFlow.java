package io.tributary.ingest.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.collections.CollectionGuard;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.pull.Page;
import io.tributary.ingest.pull.PullService;
import io.tributary.protocol.cursor.Cursor;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.wire.SyncPullRequest;
import io.tributary.protocol.wire.SyncPullResponse;
import io.vertx.core.Future;
import java.util.List;

/**
 * Dialect A's pull, whatever the transport (HTTP, WebSocket): {@link #query} checks the request
 * (scope, collections, cursor, page size), {@link #pull} runs it. Thread-safe.
 */
public final class SyncPullFlow {

  private final PullService pull;
  private final CollectionGuard guard;

  public SyncPullFlow(PullService pull, CollectionGuard guard) {
    this.pull = pull;
    this.guard = guard;
  }

  /**
   * A checked pull request.
   *
   * @param collections the collections read, or null for all of the tenant's
   */
  public record Query(String tenant, List<String> collections, Cursor from, int pageSize) {}

  /**
   * One page and its dialect-A answer.
   *
   * @param page the versions and the cursor after them
   * @param answer what the client gets
   */
  public record Result(Page page, SyncPullResponse answer) {}

  /**
   * @throws ApiError 403 without {@code sync:read} or for a collection outside the token's {@code
   *     cols}, 400 for a bad collection name, cursor or batch size, 404 {@code unknown_collection}
   *     in strict mode for a collection not configured, 410 for a cursor of another tenant
   *     generation
   */
  public Query query(Principal principal, SyncPullRequest request) {
    if (!principal.canRead()) {
      throw ApiError.forbidden("The token lacks the sync:read scope.");
    }
    List<String> collections = PullService.collections(principal, request.collections());
    guard.requireKnown(collections);
    Cursor from = pull.decode(principal.tenant(), request.cursor());
    int pageSize = pull.pageSize(request.batchSize());
    return new Query(principal.tenant(), collections, from, pageSize);
  }

  /** Pulls one page; fails with {@link ApiError} 503 when a partition cannot be served now. */
  public Future<Result> pull(Query query) {
    return pull.pull(query.tenant(), query.collections(), query.from(), query.pageSize())
        .map(
            page ->
                new Result(
                    page,
                    new SyncPullResponse(
                        SyncViews.changes(page.versions()),
                        pull.encode(query.tenant(), page.cursor()),
                        page.hasMore())));
  }

  /**
   * A pull request from a JSON body; null is an empty request (every field is optional).
   *
   * @throws ApiError 400 when the fields have the wrong types
   */
  public static SyncPullRequest request(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return new SyncPullRequest(null, null, null);
    }
    try {
      return Json.mapper().treeToValue(body, SyncPullRequest.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw ApiError.badRequest(
          "Send {\"cursor\"?: string, \"collections\"?: [string], \"batchSize\"?: integer}.");
    }
  }
}
