package io.tributary.ingest.push;

import io.tributary.protocol.model.Outcome;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests waiting for their outcomes, by correlation id. Filled by request handlers, completed
 * by the outcomes consumer thread. A request waits for all its outcomes as one {@link Waiting}:
 * each outcome fills its slot and counts down, and the last one completes the request's future, so
 * an outcome costs one map removal and no chain of futures. Thread-safe.
 */
public final class PendingOutcomes {

  private record Slot(Waiting waiting, int index) {}

  private final ConcurrentMap<String, Slot> pending = new ConcurrentHashMap<>();

  /**
   * The outcomes of one request, in the order of its correlation ids. {@link #all()} completes when
   * every one has arrived; {@link #cancel()} stops waiting (a timeout, a failed write).
   */
  public final class Waiting {

    private final String[] correlationIds;
    private final Outcome[] outcomes;
    private final AtomicInteger missing;
    private final CompletableFuture<List<Outcome>> all = new CompletableFuture<>();

    private Waiting(List<String> correlationIds) {
      this.correlationIds = correlationIds.toArray(String[]::new);
      this.outcomes = new Outcome[this.correlationIds.length];
      this.missing = new AtomicInteger(this.correlationIds.length);
    }

    /** Completed with every outcome, in the order of the correlation ids. */
    public CompletableFuture<List<Outcome>> all() {
      return all;
    }

    /**
     * Stops waiting: forgets the correlation ids still open, then cancels {@link #all()}. Call it
     * before answering a failed wait, so that nothing of it is left once the answer is out.
     */
    public void cancel() {
      forget();
      all.cancel(false);
    }

    private void arrived(int index, Outcome outcome) {
      outcomes[index] = outcome;
      // The count's decrements order every slot's write before the last arrival reads them all.
      if (missing.decrementAndGet() == 0) {
        all.complete(Collections.unmodifiableList(Arrays.asList(outcomes)));
      }
    }

    private void forget() {
      for (int i = 0; i < correlationIds.length; i++) {
        // Only this wait's own slot: equal records, the same Waiting and index.
        pending.remove(correlationIds[i], new Slot(this, i));
      }
    }
  }

  /**
   * Waits for the outcomes addressed to {@code correlationIds} (distinct, not waited for already).
   * An empty list is complete at once.
   */
  public Waiting register(List<String> correlationIds) {
    Waiting waiting = new Waiting(correlationIds);
    if (correlationIds.isEmpty()) {
      waiting.all.complete(List.of());
      return waiting;
    }
    for (int i = 0; i < correlationIds.size(); i++) {
      pending.put(correlationIds.get(i), new Slot(waiting, i));
    }
    // Each arrival removes its own id; a wait that fails (a timeout, failAll) removes those still
    // open, possibly after its other dependents ran: they call cancel() first to be sure.
    waiting.all.whenComplete(
        (o, e) -> {
          if (e != null) {
            waiting.forget();
          }
        });
    return waiting;
  }

  /** Fills the waiting request's slot, if any; an outcome nobody waits for is ignored. */
  public void complete(Outcome outcome) {
    if (outcome.correlationId() == null) {
      return;
    }
    Slot slot = pending.remove(outcome.correlationId());
    if (slot != null) {
      slot.waiting().arrived(slot.index(), outcome);
    }
  }

  /** Fails every waiting request, e.g. at shutdown. */
  public void failAll(Throwable cause) {
    pending.values().forEach(slot -> slot.waiting().all.completeExceptionally(cause));
  }

  /** Correlation ids waited for. */
  public int size() {
    return pending.size();
  }
}
