package io.tributary.projector.internals;

import io.tributary.protocol.json.Json;
import io.tributary.protocol.query.PartitionSlice;
import io.tributary.protocol.query.ScanRequest;
import io.tributary.protocol.query.ScanResponse;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /internal/v1/scan}: scans each requested partition this instance serves as an active
 * task; the others are left out of the answer. A malformed request gets 400.
 */
final class ScanHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(ScanHandler.class);

  private final PartitionStores stores;
  private final BoundedWorkers workers;

  ScanHandler(PartitionStores stores, BoundedWorkers workers) {
    this.stores = stores;
    this.workers = workers;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ScanRequest request;
    try {
      request = Json.mapper().readValue(ctx.body().buffer().getBytes(), ScanRequest.class);
    } catch (IOException | RuntimeException e) {
      HttpReplies.error(
          ctx, 400, "malformed_request", "the body must be a ScanRequest JSON object");
      return;
    }
    Optional<String> problem = ScanRequests.problem(request);
    if (problem.isPresent()) {
      HttpReplies.error(ctx, 400, "malformed_request", problem.get());
      return;
    }
    workers
        .run(ctx, () -> answer(request))
        .onSuccess(response -> HttpReplies.json(ctx, 200, response));
  }

  private ScanResponse answer(ScanRequest request) {
    Map<Integer, PartitionSlice> slices = new TreeMap<>();
    request
        .after()
        .forEach(
            (partition, after) -> {
              Optional<ReadOnlyKeyValueStore<Bytes, byte[]>> store = stores.activeStore(partition);
              if (store.isEmpty()) {
                return;
              }
              try {
                slices.put(
                    partition,
                    PartitionScanner.scan(
                        store.get(),
                        request.tenant(),
                        request.collections(),
                        after,
                        request.limit()));
              } catch (InvalidStateStoreException migrated) {
                // The task moved away during the scan: leave the partition out; the caller retries.
                log.debug("Partition {} left out of a scan: {}", partition, migrated.getMessage());
              }
            });
    return new ScanResponse(slices);
  }
}
