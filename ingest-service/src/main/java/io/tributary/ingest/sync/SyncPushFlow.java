package io.tributary.ingest.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.metrics.IngestMetrics;
import io.tributary.ingest.push.ItemCheck;
import io.tributary.ingest.push.ItemValidator;
import io.tributary.ingest.push.PushItem;
import io.tributary.ingest.push.PushService;
import io.tributary.protocol.wire.SyncPushResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Dialect A's push, whatever the transport (HTTP, WebSocket): scope check, body shape, size limit,
 * per-item validation, then the push of the valid items, answered per item. Thread-safe.
 */
public final class SyncPushFlow {

  private final ItemValidator validator;
  private final PushService push;
  private final int maxChanges;

  public SyncPushFlow(ItemValidator validator, PushService push, int maxChanges) {
    this.validator = validator;
    this.push = push;
    this.maxChanges = maxChanges;
  }

  /**
   * Pushes the changes of {@code body} ({@code {"changes": […]}}) for the principal's tenant.
   *
   * @param context where the returned future completes
   * @return the answer: every change id in exactly one of accepted, conflicts, errors; fails with
   *     {@link ApiError} 504 or 503 as {@link PushService#push} does
   * @throws ApiError 403 without {@code sync:write}, 400 for a body without a changes array, 413
   *     for more than {@code push.max.changes} changes
   */
  public Future<SyncPushResponse> push(Principal principal, JsonNode body, Context context) {
    requireWriter(principal);
    JsonNode changes = body == null ? null : body.get("changes");
    if (changes == null || !changes.isArray()) {
      throw ApiError.badRequest("Send {\"changes\": [ … ]}.");
    }
    if (changes.size() > maxChanges) {
      throw ApiError.payloadTooLarge(
          "A push may carry at most " + maxChanges + " changes; split it.");
    }
    List<PushItem> valid = new ArrayList<>();
    List<ItemCheck.Bad> bad = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      ItemCheck check = validator.syncChange(i, changes.get(i), principal);
      if (check instanceof ItemCheck.Ok ok) {
        valid.add(ok.item());
      } else {
        bad.add((ItemCheck.Bad) check);
      }
    }
    return Future.fromCompletionStage(
            push.push(IngestMetrics.SYNC, principal.tenant(), valid), context)
        .map(results -> SyncViews.pushResponse(results, bad));
  }

  /**
   * @throws ApiError 403 when the principal may not push
   */
  public static void requireWriter(Principal principal) {
    if (!principal.canWrite()) {
      throw ApiError.forbidden("The token lacks the sync:write scope.");
    }
  }
}
