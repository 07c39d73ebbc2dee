package io.tributary.projector.internals;

import io.tributary.projector.PolicyRegistry;
import io.tributary.protocol.merge.ConflictPolicy;
import io.tributary.protocol.merge.Resolution;
import io.tributary.protocol.merge.Resolver;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Names;
import io.tributary.protocol.model.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing rules of docs/internals.md for one change record: idempotency, conflict policy,
 * store writes (one batch per written version), and what to emit. Deterministic: everything it uses
 * is in the record, its position and the store.
 */
public final class ChangeApplier {

  private static final Logger log = LoggerFactory.getLogger(ChangeApplier.class);

  private final PolicyRegistry policies;
  private final ProcessedChanges processed;

  public ChangeApplier(PolicyRegistry policies) {
    this(policies, ProcessedChanges.NONE);
  }

  /**
   * @param processed told of each decided outcome (not of records replayed after a crash)
   */
  public ChangeApplier(PolicyRegistry policies, ProcessedChanges processed) {
    this.policies = policies;
    this.processed = processed;
  }

  /**
   * Applies the change read at {@code partition}/{@code offset} of {@code changes}.
   *
   * @return what to send downstream, replies first
   */
  public List<Emission> apply(
      StateStoreView store, ChangeRecord change, int partition, long offset) {
    if (change.isTenantReset()) {
      return resetTenant(store, change, offset);
    }
    if (offset <= store.watermark()) {
      return replay(store, change, partition, offset);
    }
    String problem = problem(change);
    if (problem != null) {
      store.putWatermark(offset);
      processed.processed(Outcome.Status.REJECTED, ProcessedChanges.NO_POLICY);
      return reply(change, Resolver.rejected(change, problem, message(problem)), null);
    }
    ConflictPolicy policy = policies.policyOf(change.collection());
    DocumentVersion current = store.document(change.key());
    if (isAt(current, partition, offset)) {
      return complete(store, change, current, offset, policy);
    }
    Outcome first = store.outcome(change.tenant(), change.changeId());
    if (first != null) {
      store.putWatermark(offset);
      processed.processed(first.status(), policy.name());
      return reply(change, first.withCorrelationId(change.correlationId()), null);
    }
    Resolution resolution = resolveGuarded(policy, current, change, partition, offset);
    DocumentVersion written = resolution.written();
    byte[] outcomeBytes;
    byte[] writtenBytes = null;
    if (written != null) {
      // Every write of the change in one batch: one changelog record, kept or lost whole.
      StateStoreView batch = store.batchFor(change.key());
      count(store, batch, current, written);
      writtenBytes = batch.putDocument(written);
      if (current != null) {
        batch.deleteIndex(current);
      }
      batch.putIndex(written);
      batch.putCollection(change.tenant(), change.collection());
      outcomeBytes = batch.putOutcome(change.tenant(), change.changeId(), resolution.outcome());
      batch.putWatermark(offset);
      batch.writeBatch();
      // The outcome again under its own key: compaction drops a document's older batches, never
      // the record of a change id. A crash before this write is mended by replay().
      store.putEncodedOutcome(change.tenant(), change.changeId(), outcomeBytes);
    } else {
      outcomeBytes =
          store.putOutcomeAndWatermark(
              change.tenant(), change.changeId(), resolution.outcome(), offset);
    }
    processed.processed(resolution.outcome().status(), policy.name());
    // The emissions reuse the bytes just stored instead of encoding the same objects again.
    List<Emission> out = new ArrayList<>(2);
    if (change.wantsReply()) {
      out.add(new Emission.Reply(resolution.outcome(), change.replyPartition(), outcomeBytes));
    }
    if (written != null) {
      out.add(new Emission.Version(written, writtenBytes));
    }
    return out;
  }

  /**
   * A document already at this record's position while the watermark is below it: left by a crash
   * in the middle of the one-write-per-key layout of earlier releases (a batch is never split). The
   * change is known to be written; complete the writes and send both records again, since either
   * may be lost.
   */
  private List<Emission> complete(
      StateStoreView store,
      ChangeRecord change,
      DocumentVersion current,
      long offset,
      ConflictPolicy policy) {
    Outcome outcome = accepted(change, current.rev());
    store.putIndex(current);
    store.putCollection(change.tenant(), change.collection());
    store.putOutcome(change.tenant(), change.changeId(), outcome);
    store.putWatermark(offset);
    processed.processed(outcome.status(), policy.name());
    return reply(change, outcome, current);
  }

  /**
   * Decides with the collection's policy; a policy that throws (a custom resolver's bug) gets the
   * change answered {@code REJECTED} with {@code resolver_failed} instead of stopping the
   * partition. Deterministic as long as the policy is.
   */
  private Resolution resolveGuarded(
      ConflictPolicy policy,
      DocumentVersion current,
      ChangeRecord change,
      int partition,
      long offset) {
    try {
      return Resolver.resolve(policy, current, change, partition, offset);
    } catch (RuntimeException e) {
      log.warn(
          "Policy {} of collection {} failed on the change at {}-{} ({}); answered rejected",
          policy.name(),
          change.collection(),
          partition,
          offset,
          e.getClass().getName());
      processed.deadLettered("resolver_failed");
      return new Resolution(
          null,
          Resolver.rejected(
              change,
              "resolver_failed",
              "The collection's resolver failed on this change, so it was not applied; the"
                  + " operator was told."));
    }
  }

  /**
   * Moves the counts of the written version's collection from {@code before} to {@code written},
   * read from {@code store} and written to {@code batch}, with the offset it counted (so that
   * counts restored from the one-write-per-key layout of earlier releases are not counted twice).
   */
  private static void count(
      StateStoreView store, StateStoreView batch, DocumentVersion before, DocumentVersion written) {
    StateStoreView.Counts counts = store.counts(written.tenant(), written.collection());
    if (counts.lastOffset() >= written.offset()) {
      // Written unchanged all the same: every batch carries its collection's counts, so that
      // compaction dropping earlier batches never loses them.
      batch.putCounts(written.tenant(), written.collection(), counts);
      return;
    }
    long documents = counts.documents();
    long tombstones = counts.tombstones();
    if (before != null) {
      if (before.deleted()) {
        tombstones--;
      } else {
        documents--;
      }
    }
    if (written.deleted()) {
      tombstones++;
    } else {
      documents++;
    }
    batch.putCounts(
        written.tenant(),
        written.collection(),
        new StateStoreView.Counts(documents, tombstones, written.offset()));
  }

  /**
   * The admin API's reset of a tenant (docs/internals.md "Tenant reset"): if the record's
   * generation is above the tenant's, delete the tenant's keys here, then store the generation,
   * then the watermark. Idempotent, so a record processed again after a crash (or a second reset to
   * the same generation) deletes nothing more. Answers with the tenant's generation as the
   * outcome's rev, and marks the reset on {@code documents} whenever the tenant is at the record's
   * generation (again after a crash, as the mark may be lost).
   */
  private List<Emission> resetTenant(StateStoreView store, ChangeRecord reset, long offset) {
    String tenant = reset.tenant();
    long generation = store.generation(tenant);
    if (offset > store.watermark()) {
      if (Names.tenantProblem(tenant).isEmpty() && reset.generation() > generation) {
        store.evict(tenant);
        store.putGeneration(tenant, reset.generation());
        generation = reset.generation();
      }
      store.putWatermark(offset);
    }
    List<Emission> out = new ArrayList<>(2);
    if (reset.wantsReply()) {
      Outcome outcome =
          new Outcome(
              reset.correlationId(),
              reset.changeId(),
              Outcome.Status.ACCEPTED,
              Long.toString(generation),
              reset.hlc(),
              null,
              null,
              null);
      out.add(new Emission.Reply(outcome, reset.replyPartition()));
    }
    if (generation == reset.generation()) {
      out.add(new Emission.TenantReset(tenant, generation));
    }
    return out;
  }

  /**
   * Rule 1: already applied before a crash; answer again, and write the change id's outcome again
   * under its own key, which a crash right after the change's batch may have lost (the batch holds
   * it too, but compaction keeps only a document's latest batch).
   */
  private static List<Emission> replay(
      StateStoreView store, ChangeRecord change, int partition, long offset) {
    String problem = problem(change);
    if (problem != null) {
      return reply(change, Resolver.rejected(change, problem, message(problem)), null);
    }
    byte[] stored = store.outcomeBytes(change.tenant(), change.changeId());
    if (stored != null) {
      store.putEncodedOutcome(change.tenant(), change.changeId(), stored);
    }
    Outcome first = store.outcome(change.tenant(), change.changeId());
    DocumentVersion current = store.document(change.key());
    return reply(
        change,
        first == null ? null : first.withCorrelationId(change.correlationId()),
        isAt(current, partition, offset) ? current : null);
  }

  private static List<Emission> reply(
      ChangeRecord change, Outcome outcome, DocumentVersion version) {
    List<Emission> out = new ArrayList<>(2);
    if (outcome != null && change.wantsReply()) {
      out.add(new Emission.Reply(outcome, change.replyPartition()));
    }
    if (version != null) {
      out.add(new Emission.Version(version));
    }
    return out;
  }

  private static boolean isAt(DocumentVersion version, int partition, long offset) {
    return version != null && version.partition() == partition && version.offset() == offset;
  }

  private static Outcome accepted(ChangeRecord change, String rev) {
    return new Outcome(
        change.correlationId(),
        change.changeId(),
        Outcome.Status.ACCEPTED,
        rev,
        change.hlc(),
        null,
        null,
        null);
  }

  /** A problem only the projector sees (the ingest tier validates the rest), or null. */
  private static String problem(ChangeRecord change) {
    if (change.v() != ChangeRecord.CURRENT_VERSION) {
      return "unsupported_version";
    }
    if (Names.tenantProblem(change.tenant()).isPresent()
        || !Names.isValidCollection(change.collection())
        || !Names.isValidRecordId(change.recordId())
        || !Names.isValidChangeId(change.changeId())) {
      return "invalid_change";
    }
    return null;
  }

  private static String message(String problem) {
    return switch (problem) {
      case "unsupported_version" ->
          "the change record format is not one this projector reads: upgrade the projector";
      default -> "tenant, collection, record id or change id is not valid: fix the change";
    };
  }
}
