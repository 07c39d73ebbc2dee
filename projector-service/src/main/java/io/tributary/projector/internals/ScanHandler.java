package io.tributary.projector.internals;

import io.tributary.protocol.json.Json;
import io.tributary.protocol.query.ScanRequest;
import io.tributary.protocol.query.ScanResponse;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /internal/v1/scan}: scans each requested partition this instance serves as an active
 * task, side by side on the worker pool; the others are left out of the answer. The answer is a
 * {@link ScanResponse} in JSON, put together from the stored versions' own bytes ({@link
 * EncodedSlice}). A malformed request gets 400.
 */
final class ScanHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(ScanHandler.class);

  private static final byte[] PARTITIONS = "{\"partitions\":{".getBytes(StandardCharsets.US_ASCII);

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
    List<Integer> partitions = new ArrayList<>(request.after().keySet());
    List<Callable<Optional<Buffer>>> scans = new ArrayList<>(partitions.size());
    for (int partition : partitions) {
      long after = request.after().get(partition);
      scans.add(() -> scan(request, partition, after));
    }
    workers
        .runAll(ctx, scans)
        .onSuccess(
            slices -> {
              Buffer answer = Buffer.buffer(PARTITIONS);
              boolean first = true;
              for (int i = 0; i < partitions.size(); i++) {
                if (slices.get(i).isEmpty()) {
                  continue;
                }
                answer
                    .appendString((first ? "\"" : ",\"") + partitions.get(i) + "\":")
                    .appendBuffer(slices.get(i).get());
                first = false;
              }
              answer.appendString("}}");
              ctx.response()
                  .setStatusCode(200)
                  .putHeader("content-type", "application/json")
                  .end(answer);
            });
  }

  /**
   * One partition's part of the answer, as JSON; empty when this instance does not serve it as an
   * active task (or it moved away during the scan: the caller retries).
   */
  private Optional<Buffer> scan(ScanRequest request, int partition, long after) {
    Optional<ReadOnlyKeyValueStore<Bytes, byte[]>> store = stores.activeStore(partition);
    if (store.isEmpty()) {
      return Optional.empty();
    }
    try {
      EncodedSlice slice =
          PartitionScanner.scanEncoded(
              store.get(), request.tenant(), request.collections(), after, request.limit());
      Buffer json = Buffer.buffer();
      slice.appendTo(json);
      return Optional.of(json);
    } catch (InvalidStateStoreException migrated) {
      log.debug("Partition {} left out of a scan: {}", partition, migrated.getMessage());
      return Optional.empty();
    }
  }
}
