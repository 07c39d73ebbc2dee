package io.tributary.ingest.admin;

import io.tributary.ingest.http.ApiError;
import io.tributary.ingest.pull.ProjectorClient;
import io.tributary.ingest.push.PendingOutcomes;
import io.tributary.protocol.clock.HybridLogicalClock;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocKey;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.query.OutcomeLookup;
import io.tributary.protocol.query.TenantStats;
import io.tributary.protocol.wire.AdminEviction;
import io.tributary.protocol.wire.AdminHistory;
import io.tributary.protocol.wire.AdminTenantStats;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's operations on the token's tenant: eviction (a reset to the next generation,
 * applied by every partition's projector), counts, and one document's history from the {@code
 * changes} log. See docs/internals.md "Tenant eviction". Thread-safe.
 */
public final class TenantAdmin {

  private static final Logger log = LoggerFactory.getLogger(TenantAdmin.class);

  /** History lookups read a whole partition: at most this many at once per instance. */
  public static final int MAX_HISTORY_LOOKUPS = 2;

  /** The largest {@code limit} of a history lookup. */
  public static final int MAX_HISTORY_LIMIT = OutcomeLookup.MAX_CHANGE_IDS;

  /** Sends one record to each partition of {@code changes}: record i to partition i. */
  @FunctionalInterface
  public interface PartitionSink {
    CompletableFuture<Void> sendToEachPartition(List<ChangeRecord> records);
  }

  private final ProjectorClient projector;
  private final PartitionSink sink;
  private final PendingOutcomes pending;
  private final HybridLogicalClock clock;
  private final int replyPartition;
  private final long resetTimeoutMs;
  private final ChangeHistory history;
  private final WorkerExecutor historyWorkers;
  private final long historyMaxScanMs;
  private final Semaphore historySlots = new Semaphore(MAX_HISTORY_LOOKUPS);

  public TenantAdmin(
      ProjectorClient projector,
      PartitionSink sink,
      PendingOutcomes pending,
      HybridLogicalClock clock,
      int replyPartition,
      long resetTimeoutMs,
      Map<String, Object> kafka,
      String prefix,
      String instanceId,
      WorkerExecutor historyWorkers,
      long historyMaxScanMs) {
    this.projector = projector;
    this.sink = sink;
    this.pending = pending;
    this.clock = clock;
    this.replyPartition = replyPartition;
    this.resetTimeoutMs = resetTimeoutMs;
    this.history = new ChangeHistory(kafka, prefix, instanceId);
    this.historyWorkers = historyWorkers;
    this.historyMaxScanMs = historyMaxScanMs;
  }

  /**
   * Evicts {@code tenant}: asks every partition for the tenant's generation, writes a reset to the
   * next one (above the highest seen) to every partition, and waits until each has applied it.
   *
   * @return fails with 503 when a partition cannot be asked or written now, 504 when the resets
   *     were written but not all applied in time (retrying is safe: it resets again, to a later
   *     generation)
   */
  public Future<AdminEviction> evict(String tenant) {
    return projector
        .tenantStats(tenant)
        .compose(
            stats -> {
              long target =
                  stats.values().stream()
                          .mapToLong(TenantStats.PartitionStats::generation)
                          .max()
                          .orElse(0)
                      + 1;
              int partitions = stats.size();
              String evictionId = "evict-" + UUID.randomUUID();
              List<ChangeRecord> records = new ArrayList<>(partitions);
              List<String> correlationIds = new ArrayList<>(partitions);
              long hlc = clock.now();
              for (int p = 0; p < partitions; p++) {
                String correlationId = UUID.randomUUID().toString();
                records.add(
                    ChangeRecord.tenantReset(
                        evictionId + "-" + p, tenant, target, hlc, correlationId, replyPartition));
                correlationIds.add(correlationId);
              }
              PendingOutcomes.Waiting outcomes = pending.register(correlationIds);
              CompletableFuture<Void> written;
              try {
                written = sink.sendToEachPartition(records);
              } catch (RuntimeException e) {
                outcomes.cancel();
                return Future.failedFuture(e);
              }
              log.info(
                  "Evicting tenant {}: generation {} sent to {} partitions",
                  tenant,
                  target,
                  partitions);
              CompletableFuture<AdminEviction> done =
                  written
                      .thenCompose(v -> outcomes.all())
                      .orTimeout(resetTimeoutMs, TimeUnit.MILLISECONDS)
                      .handle(
                          (received, error) -> {
                            if (error != null) {
                              outcomes.cancel();
                              throw new CompletionException(evictionFailure(tenant, error));
                            }
                            long reached = target;
                            for (Outcome outcome : received) {
                              reached = Math.max(reached, Long.parseLong(outcome.rev()));
                            }
                            log.info("Evicted tenant {}: generation {}", tenant, reached);
                            return new AdminEviction(tenant, reached, partitions);
                          });
              return Future.fromCompletionStage(done).recover(e -> Future.failedFuture(unwrap(e)));
            });
  }

  private static ApiError evictionFailure(String tenant, Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof ApiError api) {
      return api;
    }
    if (cause instanceof TimeoutException) {
      log.warn("Eviction of tenant {} not confirmed in time", tenant);
      return new ApiError(
          504,
          "eviction_timeout",
          "The eviction was written but not every partition confirmed it in time; evict again to"
              + " make sure (it is safe).");
    }
    log.warn("Eviction of tenant {} could not be written: {}", tenant, cause.toString());
    return ApiError.unavailable("The eviction could not be written; retry.", 1);
  }

  /** The tenant's generation and counts, summed over every partition. */
  public Future<AdminTenantStats> stats(String tenant) {
    return projector
        .tenantStats(tenant)
        .map(
            stats -> {
              long min = Long.MAX_VALUE;
              long max = 0;
              Map<String, TenantStats.CollectionCounts> sums = new TreeMap<>();
              for (TenantStats.PartitionStats partition : stats.values()) {
                min = Math.min(min, partition.generation());
                max = Math.max(max, partition.generation());
                partition.collections().forEach((c, n) -> sums.merge(c, n, (a, b) -> a.plus(b)));
              }
              Map<String, AdminTenantStats.Counts> collections = new TreeMap<>();
              long documents = 0;
              long tombstones = 0;
              for (Map.Entry<String, TenantStats.CollectionCounts> e : sums.entrySet()) {
                TenantStats.CollectionCounts n = e.getValue();
                if (n.documents() == 0 && n.tombstones() == 0) {
                  continue;
                }
                collections.put(
                    e.getKey(), new AdminTenantStats.Counts(n.documents(), n.tombstones()));
                documents += n.documents();
                tombstones += n.tombstones();
              }
              return new AdminTenantStats(
                  tenant, max, !stats.isEmpty() && min != max, documents, tombstones, collections);
            });
  }

  /**
   * One document's changes from the {@code changes} log, the latest {@code limit}, with the
   * projector's outcome for those of the current generation.
   *
   * @return fails with 503 when too many lookups run already or the projector cannot answer
   */
  public Future<AdminHistory> history(DocKey key, int limit) {
    if (!historySlots.tryAcquire()) {
      return Future.failedFuture(
          ApiError.unavailable("Too many history lookups are running; retry shortly.", 2));
    }
    return historyWorkers
        .executeBlocking(() -> history.read(key, limit, historyMaxScanMs), false)
        .onComplete(done -> historySlots.release())
        .recover(
            e -> {
              log.warn("A history lookup failed: {}", e.toString());
              return Future.failedFuture(
                  ApiError.unavailable("The changes log could not be read; retry.", 1));
            })
        .compose(found -> withOutcomes(key, found));
  }

  private Future<AdminHistory> withOutcomes(DocKey key, ChangeHistory.Found found) {
    List<String> current = new ArrayList<>();
    for (AdminHistory.Entry entry : found.entries()) {
      if (entry.generation() == found.generation() && !"evict".equals(entry.type())) {
        current.add(entry.changeId());
      }
    }
    Function<Map<String, Outcome>, AdminHistory> answer =
        outcomes -> {
          List<AdminHistory.Entry> entries = new ArrayList<>(found.entries().size());
          for (AdminHistory.Entry entry : found.entries()) {
            Outcome outcome =
                entry.generation() == found.generation() ? outcomes.get(entry.changeId()) : null;
            entries.add(
                outcome == null
                    ? entry
                    : entry.withOutcome(
                        outcome.status().name().toLowerCase(Locale.ROOT), outcome.rev()));
          }
          return new AdminHistory(
              key.collection(), key.id(), found.partition(), found.complete(), entries);
        };
    if (current.isEmpty()) {
      return Future.succeededFuture(answer.apply(Map.of()));
    }
    return projector
        .outcomes(key.tenant(), found.partition(), List.copyOf(new LinkedHashSet<>(current)))
        .map(a -> answer.apply(a.outcomes() == null ? Map.of() : a.outcomes()));
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
