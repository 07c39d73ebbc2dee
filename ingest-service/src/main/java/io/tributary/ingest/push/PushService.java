package io.tributary.ingest.push;

import io.tributary.ingest.auth.TenantRateLimits;
import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.metrics.IngestMetrics;
import io.tributary.protocol.model.ChangeRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push flow shared by both dialects: stamp each valid item, register its correlation id,
 * produce, and wait for every outcome up to the push timeout. Dialect-neutral; never blocks the
 * calling thread. Thread-safe.
 */
public final class PushService {

  private static final Logger log = LoggerFactory.getLogger(PushService.class);

  private final ChangeStamper stamper;
  private final ChangeSink sink;
  private final PendingOutcomes pending;
  private final int replyPartition;
  private final long timeoutMs;
  private final IngestMetrics metrics;
  private final int maxInFlightChanges;
  private final TenantRateLimits changeLimits;
  private final AtomicInteger inFlight = new AtomicInteger();

  /** Where change records go; {@link ChangeProducer#sendAll} in production. */
  @FunctionalInterface
  public interface ChangeSink {
    CompletableFuture<Void> sendAll(List<ChangeRecord> records);
  }

  /** The default bound of changes waiting for their outcomes on one instance. */
  public static final int DEFAULT_MAX_IN_FLIGHT_CHANGES = 50_000;

  public PushService(
      ChangeStamper stamper,
      ChangeSink sink,
      PendingOutcomes pending,
      int replyPartition,
      long timeoutMs,
      IngestMetrics metrics) {
    this(
        stamper,
        sink,
        pending,
        replyPartition,
        timeoutMs,
        metrics,
        DEFAULT_MAX_IN_FLIGHT_CHANGES,
        TenantRateLimits.OFF);
  }

  /**
   * @param maxInFlightChanges changes that may wait for their outcomes at once; a push that would
   *     go above is refused with 503 and {@code Retry-After} (Kafka or the projectors are slow or
   *     down: pushes must not pile up in memory)
   * @param changeLimits each tenant's changes per second: a push of n valid changes takes n, and is
   *     refused whole with 429 and {@code Retry-After} when its tenant has fewer left
   */
  public PushService(
      ChangeStamper stamper,
      ChangeSink sink,
      PendingOutcomes pending,
      int replyPartition,
      long timeoutMs,
      IngestMetrics metrics,
      int maxInFlightChanges,
      TenantRateLimits changeLimits) {
    this.maxInFlightChanges = maxInFlightChanges;
    this.changeLimits = changeLimits;
    metrics.inFlightChanges(inFlight, AtomicInteger::get);
    this.metrics = metrics;
    this.stamper = stamper;
    this.sink = sink;
    this.pending = pending;
    this.replyPartition = replyPartition;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Pushes the items of one request for {@code tenant}.
   *
   * @param dialect the metrics label of the caller's dialect ({@link IngestMetrics#SYNC}, {@link
   *     IngestMetrics#RXDB})
   * @return the results in item order; fails with {@link ApiError} 504 when an outcome is not known
   *     in time, 503 when the changes cannot be written
   * @throws ApiError 429 when the tenant is over its changes limit, 503 when too many changes wait
   *     for their outcomes on this instance; nothing was written then
   */
  public CompletableFuture<List<ChangeResult>> push(
      String dialect, String tenant, List<PushItem> items) {
    if (items.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    int count = items.size();
    if (inFlight.addAndGet(count) > maxInFlightChanges) {
      inFlight.addAndGet(-count);
      metrics.pushedChanges(dialect, IngestMetrics.ERROR, count);
      throw ApiError.unavailable(
          "Too many changes are waiting for their outcomes on this server; retry shortly.", 1);
    }
    try {
      // After the in-flight bound, so that a push refused with 503 takes none of its tenant's
      // changes.
      changeLimits.acquire(tenant, count);
      CompletableFuture<List<ChangeResult>> result = pushCounted(dialect, tenant, items);
      result.whenComplete((r, e) -> inFlight.addAndGet(-count));
      return result;
    } catch (RuntimeException e) {
      inFlight.addAndGet(-count);
      throw e;
    }
  }

  private CompletableFuture<List<ChangeResult>> pushCounted(
      String dialect, String tenant, List<PushItem> items) {
    List<ChangeRecord> records = new ArrayList<>(items.size());
    List<String> correlationIds = new ArrayList<>(items.size());
    for (PushItem item : items) {
      String correlationId = UUID.randomUUID().toString();
      records.add(stamper.stamp(item, tenant, correlationId, replyPartition));
      correlationIds.add(correlationId);
    }
    PendingOutcomes.Waiting outcomes = pending.register(correlationIds);
    CompletableFuture<Void> written;
    try {
      written = sink.sendAll(records);
    } catch (RuntimeException e) {
      outcomes.cancel();
      metrics.pushedChanges(dialect, IngestMetrics.ERROR, items.size());
      throw e;
    }
    long producedAt = System.nanoTime();
    CompletableFuture<List<ChangeResult>> result = new CompletableFuture<>();
    written.whenComplete(
        (v, error) -> {
          if (error != null) {
            outcomes.cancel();
            log.warn("Writing {} changes failed: {}", records.size(), unwrap(error).toString());
            result.completeExceptionally(
                ApiError.unavailable("The changes could not be written; push again.", 1));
          }
        });
    outcomes
        .all()
        .orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        .whenComplete(
            (received, error) -> {
              if (error == null) {
                metrics.outcomeWait(System.nanoTime() - producedAt);
                List<ChangeResult> out = new ArrayList<>(items.size());
                for (int i = 0; i < items.size(); i++) {
                  out.add(new ChangeResult(items.get(i), records.get(i), received.get(i)));
                }
                out.stream()
                    .collect(
                        Collectors.groupingBy(r -> r.outcome().status(), Collectors.counting()))
                    .forEach(
                        (status, n) ->
                            metrics.pushedChanges(
                                dialect, status.name().toLowerCase(Locale.ROOT), n.intValue()));
                result.complete(out);
                return;
              }
              outcomes.cancel();
              metrics.pushedChanges(dialect, IngestMetrics.ERROR, items.size());
              Throwable cause = unwrap(error);
              if (cause instanceof TimeoutException) {
                metrics.pushTimeout();
              }
              result.completeExceptionally(
                  cause instanceof TimeoutException
                      ? ApiError.pushTimeout()
                      : cause instanceof ApiError api
                          ? api
                          : ApiError.unavailable("The push could not complete; push again.", 1));
            });
    return result;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
