package io.tributary.ingest.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.ingest.push.ChangeResult;
import io.tributary.ingest.push.ItemCheck;
import io.tributary.protocol.clock.HybridLogicalClock;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.wire.SyncAccepted;
import io.tributary.protocol.wire.SyncChange;
import io.tributary.protocol.wire.SyncConflict;
import io.tributary.protocol.wire.SyncItemError;
import io.tributary.protocol.wire.SyncPushResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** Dialect A's JSON views of push results and document versions. Pure functions. */
public final class SyncViews {

  private SyncViews() {}

  /** The push answer: every item in exactly one of accepted, conflicts, errors. */
  public static SyncPushResponse pushResponse(List<ChangeResult> results, List<ItemCheck.Bad> bad) {
    List<SyncAccepted> accepted = new ArrayList<>();
    List<SyncConflict> conflicts = new ArrayList<>();
    List<SyncItemError> errors = new ArrayList<>();
    for (ChangeResult result : results) {
      Outcome outcome = result.outcome();
      ChangeRecord record = result.record();
      long hlc = outcome.hlc() != 0 ? outcome.hlc() : record.hlc();
      switch (outcome.status()) {
        case ACCEPTED ->
            accepted.add(
                new SyncAccepted(
                    record.changeId(), HybridLogicalClock.millis(hlc), outcome.rev(), null));
        case SUPERSEDED ->
            accepted.add(
                new SyncAccepted(
                    record.changeId(), HybridLogicalClock.millis(hlc), outcome.rev(), true));
        case CONFLICT -> conflicts.add(conflict(record, outcome.current()));
        case REJECTED ->
            errors.add(
                new SyncItemError(
                    record.changeId(),
                    outcome.message() != null ? outcome.message() : "The change was refused.",
                    outcome.errorCode() != null ? outcome.errorCode() : "rejected"));
      }
    }
    for (ItemCheck.Bad b : bad) {
      errors.add(new SyncItemError(b.changeId(), b.message(), b.code(), b.status(), b.path()));
    }
    return new SyncPushResponse(accepted, conflicts, errors);
  }

  static SyncConflict conflict(ChangeRecord record, DocumentVersion current) {
    ObjectNode remote = current == null ? null : current.data();
    return new SyncConflict(
        record.changeId(),
        record.recordId(),
        record.collection(),
        record.data(),
        remote,
        current == null ? null : current.rev(),
        record.lwwTime(),
        current == null ? null : current.lwwTime(),
        fieldConflicts(record.data(), remote));
  }

  /** Top-level field names whose values differ between the two documents (absent counts). */
  public static List<String> fieldConflicts(ObjectNode local, ObjectNode remote) {
    TreeSet<String> names = new TreeSet<>();
    if (local != null) {
      local.fieldNames().forEachRemaining(names::add);
    }
    if (remote != null) {
      remote.fieldNames().forEachRemaining(names::add);
    }
    List<String> differing = new ArrayList<>();
    for (String name : names) {
      JsonNode a = local == null ? null : local.get(name);
      JsonNode b = remote == null ? null : remote.get(name);
      if (!Objects.equals(a, b)) {
        differing.add(name);
      }
    }
    return differing;
  }

  /** A version as a feed change: {@code type} is {@code delete} for tombstones. */
  public static SyncChange change(DocumentVersion v) {
    return new SyncChange(
        v.rev(),
        v.collection(),
        v.id(),
        v.deleted() ? "delete" : "update",
        v.data(),
        HybridLogicalClock.millis(v.hlc()));
  }

  public static List<SyncChange> changes(List<DocumentVersion> versions) {
    return versions.stream().map(SyncViews::change).toList();
  }
}
