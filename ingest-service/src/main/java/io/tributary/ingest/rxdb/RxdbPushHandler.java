package io.tributary.ingest.rxdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.auth.AuthHandler;
import io.tributary.ingest.auth.Principal;
import io.tributary.ingest.collections.CollectionGuard;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.http.Bodies;
import io.tributary.ingest.metrics.IngestMetrics;
import io.tributary.ingest.push.ChangeResult;
import io.tributary.ingest.push.ItemCheck;
import io.tributary.ingest.push.ItemValidator;
import io.tributary.ingest.push.PushItem;
import io.tributary.ingest.push.PushService;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.wire.RxdbRowError;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code POST /v1/rxdb/{collection}/push}: answers RxDB's way, with the current master documents of
 * the conflicting rows. Rows that cannot be applied (invalid, or refused by the projector) are
 * skipped and listed in the {@value RxdbRowError#HEADER} header, since the body has no place for
 * them.
 */
public final class RxdbPushHandler implements Handler<RoutingContext> {

  private final ItemValidator validator;
  private final PushService push;
  private final CollectionGuard guard;
  private final int maxChanges;

  public RxdbPushHandler(
      ItemValidator validator, PushService push, CollectionGuard guard, int maxChanges) {
    this.validator = validator;
    this.push = push;
    this.guard = guard;
    this.maxChanges = maxChanges;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = AuthHandler.principal(ctx);
    if (!principal.canWrite()) {
      throw ApiError.forbidden("The token lacks the sync:write scope.");
    }
    String collection = RxdbCollections.of(ctx, principal, guard);
    JsonNode rows = Bodies.json(ctx);
    if (!rows.isArray()) {
      throw ApiError.badRequest("Send an array of {assumedMasterState, newDocumentState} rows.");
    }
    if (rows.size() > maxChanges) {
      throw ApiError.payloadTooLarge("A push may carry at most " + maxChanges + " rows; split it.");
    }
    List<PushItem> valid = new ArrayList<>();
    List<RxdbRowError> errors = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      ItemCheck check = validator.rxdbRow(i, collection, rows.get(i));
      if (check instanceof ItemCheck.Ok ok) {
        valid.add(ok.item());
      } else {
        ItemCheck.Bad bad = (ItemCheck.Bad) check;
        errors.add(new RxdbRowError(bad.index(), bad.code(), bad.path()));
      }
    }
    Future.fromCompletionStage(
            push.push(IngestMetrics.RXDB, principal.tenant(), valid),
            ctx.vertx().getOrCreateContext())
        .onSuccess(results -> answer(ctx, results, errors))
        .onFailure(ctx::fail);
  }

  private static void answer(
      RoutingContext ctx, List<ChangeResult> results, List<RxdbRowError> errors) {
    List<ObjectNode> conflicts = new ArrayList<>();
    for (ChangeResult result : results) {
      Outcome outcome = result.outcome();
      if (outcome.status() == Outcome.Status.CONFLICT) {
        if (outcome.current() != null) {
          conflicts.add(RxdbViews.document(outcome.current()));
        } else {
          errors.add(new RxdbRowError(result.item().index(), "conflict"));
        }
      } else if (outcome.status() == Outcome.Status.REJECTED) {
        errors.add(
            new RxdbRowError(
                result.item().index(),
                outcome.errorCode() != null ? outcome.errorCode() : "rejected"));
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparingInt(RxdbRowError::index));
      try {
        ctx.response().putHeader(RxdbRowError.HEADER, Json.mapper().writeValueAsString(errors));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot encode row errors", e);
      }
    }
    Bodies.send(ctx, 200, conflicts);
  }
}
