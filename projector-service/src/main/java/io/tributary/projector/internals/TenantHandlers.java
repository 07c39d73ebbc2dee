package io.tributary.projector.internals;

import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.Names;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.query.OutcomeLookup;
import io.tributary.protocol.query.TenantStats;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The admin API's internal questions to a projector instance: {@code GET /internal/v1/tenant} (a
 * tenant's generation and counts per partition served) and {@code POST /internal/v1/outcomes} (the
 * first outcomes of change ids, for a document's history). Store reads run on the bounded workers;
 * a partition this instance does not serve as an active task is left out (stats) or answered 503
 * (outcomes).
 */
final class TenantHandlers {

  private final PartitionStores stores;
  private final BoundedWorkers workers;

  TenantHandlers(PartitionStores stores, BoundedWorkers workers) {
    this.stores = stores;
    this.workers = workers;
  }

  /** {@code GET /internal/v1/tenant?tenant=T&partitions=0,1,…} → {@link TenantStats}. */
  void stats(RoutingContext ctx) {
    String tenant = ctx.request().getParam("tenant");
    if (tenant == null || Names.tenantProblem(tenant).isPresent()) {
      HttpReplies.error(ctx, 400, "malformed_request", "tenant must be a valid tenant id");
      return;
    }
    List<Integer> partitions = new ArrayList<>();
    String list = ctx.request().getParam("partitions", "");
    try {
      for (String part : list.split(",")) {
        if (!part.isBlank()) {
          int p = Integer.parseInt(part.trim());
          if (p < 0) {
            throw new NumberFormatException("negative");
          }
          partitions.add(p);
        }
      }
    } catch (NumberFormatException e) {
      HttpReplies.error(
          ctx, 400, "malformed_request", "partitions must be a comma-separated list of numbers");
      return;
    }
    workers
        .run(ctx, () -> stats(tenant, partitions))
        .onSuccess(stats -> HttpReplies.json(ctx, 200, stats));
  }

  private TenantStats stats(String tenant, List<Integer> partitions) {
    Map<Integer, TenantStats.PartitionStats> out = new TreeMap<>();
    for (int partition : partitions) {
      Optional<ReadOnlyKeyValueStore<Bytes, byte[]>> store = stores.activeStore(partition);
      if (store.isEmpty()) {
        continue;
      }
      try {
        StateStoreView view = StateStoreView.readOnly(store.get());
        Map<String, TenantStats.CollectionCounts> collections = new TreeMap<>();
        view.counts(tenant)
            .forEach(
                (collection, counts) ->
                    collections.put(
                        collection,
                        new TenantStats.CollectionCounts(counts.documents(), counts.tombstones())));
        out.put(partition, new TenantStats.PartitionStats(view.generation(tenant), collections));
      } catch (InvalidStateStoreException migrated) {
        // The task moved away: leave the partition out; the caller asks its new owner.
      }
    }
    return new TenantStats(out);
  }

  /** {@code POST /internal/v1/outcomes} with an {@link OutcomeLookup} → its answer. */
  void outcomes(RoutingContext ctx) {
    OutcomeLookup lookup;
    try {
      lookup = Json.mapper().readValue(ctx.body().buffer().getBytes(), OutcomeLookup.class);
    } catch (IOException | RuntimeException e) {
      HttpReplies.error(
          ctx, 400, "malformed_request", "the body must be an OutcomeLookup JSON object");
      return;
    }
    if (lookup == null
        || lookup.tenant() == null
        || Names.tenantProblem(lookup.tenant()).isPresent()
        || lookup.partition() < 0
        || lookup.changeIds() == null
        || lookup.changeIds().size() > OutcomeLookup.MAX_CHANGE_IDS
        || !lookup.changeIds().stream().allMatch(Names::isValidChangeId)) {
      HttpReplies.error(
          ctx,
          400,
          "malformed_request",
          "tenant, partition and at most "
              + OutcomeLookup.MAX_CHANGE_IDS
              + " valid changeIds are required");
      return;
    }
    workers
        .run(ctx, () -> outcomes(lookup))
        .onSuccess(
            answer -> {
              if (answer.isPresent()) {
                HttpReplies.json(ctx, 200, answer.get());
              } else {
                HttpReplies.error(
                    ctx,
                    503,
                    "not_ready",
                    "partition " + lookup.partition() + " is not served here now; retry later");
              }
            });
  }

  private Optional<OutcomeLookup.Answer> outcomes(OutcomeLookup lookup) {
    Optional<ReadOnlyKeyValueStore<Bytes, byte[]>> store = stores.activeStore(lookup.partition());
    if (store.isEmpty()) {
      return Optional.empty();
    }
    try {
      StateStoreView view = StateStoreView.readOnly(store.get());
      Map<String, Outcome> found = new TreeMap<>();
      for (String changeId : lookup.changeIds()) {
        Outcome outcome = view.outcome(lookup.tenant(), changeId);
        if (outcome != null) {
          found.put(
              changeId,
              new Outcome(
                  null,
                  outcome.changeId(),
                  outcome.status(),
                  outcome.rev(),
                  outcome.hlc(),
                  null,
                  outcome.errorCode(),
                  outcome.message()));
        }
      }
      return Optional.of(new OutcomeLookup.Answer(found));
    } catch (InvalidStateStoreException migrated) {
      return Optional.empty();
    }
  }
}
