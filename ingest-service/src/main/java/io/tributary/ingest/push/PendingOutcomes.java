package io.tributary.ingest.push;

import io.tributary.protocol.model.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The pushes waiting for their outcomes, by correlation id. Filled by request handlers, completed
 * by the outcomes consumer thread. Thread-safe.
 */
public final class PendingOutcomes {

  private final ConcurrentMap<String, CompletableFuture<Outcome>> pending =
      new ConcurrentHashMap<>();

  /** A future completed when the outcome addressed to {@code correlationId} arrives. */
  public CompletableFuture<Outcome> register(String correlationId) {
    CompletableFuture<Outcome> future = new CompletableFuture<>();
    pending.put(correlationId, future);
    future.whenComplete((o, e) -> pending.remove(correlationId, future));
    return future;
  }

  /** Completes the waiting push, if any; an outcome nobody waits for is ignored. */
  public void complete(Outcome outcome) {
    if (outcome.correlationId() == null) {
      return;
    }
    CompletableFuture<Outcome> future = pending.get(outcome.correlationId());
    if (future != null) {
      future.complete(outcome);
    }
  }

  /** Fails every waiting push, e.g. at shutdown. */
  public void failAll(Throwable cause) {
    pending.values().forEach(f -> f.completeExceptionally(cause));
  }

  public int size() {
    return pending.size();
  }
}
