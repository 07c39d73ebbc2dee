package io.tributary.protocol.merge;

import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.model.Revisions;

/** Applies a policy's decision: builds the new version and the outcome. A pure function. */
public final class Resolver {

  private Resolver() {}

  /**
   * @param current the document's current version, or null
   * @param change the change read at {@code partition}/{@code offset} of {@code changes}
   */
  public static Resolution resolve(
      ConflictPolicy policy,
      DocumentVersion current,
      ChangeRecord change,
      int partition,
      long offset) {
    Decision decision = policy.decide(current, change);
    if (decision instanceof Decision.Write write) {
      String rev = Revisions.of(partition, offset);
      DocumentVersion next =
          new DocumentVersion(
              change.tenant(),
              change.collection(),
              change.recordId(),
              write.data(),
              write.deleted(),
              rev,
              partition,
              offset,
              change.hlc(),
              change.lwwTime(),
              change.changeId());
      return new Resolution(next, outcome(change, Outcome.Status.ACCEPTED, rev, null));
    }
    if (decision instanceof Decision.Superseded) {
      return new Resolution(
          null, outcome(change, Outcome.Status.SUPERSEDED, current.rev(), current));
    }
    return new Resolution(null, outcome(change, Outcome.Status.CONFLICT, null, current));
  }

  /** The outcome of a change refused as invalid before any policy saw it. */
  public static Outcome rejected(ChangeRecord change, String errorCode, String message) {
    return new Outcome(
        change.correlationId(),
        change.changeId(),
        Outcome.Status.REJECTED,
        null,
        change.hlc(),
        null,
        errorCode,
        message);
  }

  private static Outcome outcome(
      ChangeRecord change, Outcome.Status status, String rev, DocumentVersion current) {
    return new Outcome(
        change.correlationId(), change.changeId(), status, rev, change.hlc(), current, null, null);
  }
}
