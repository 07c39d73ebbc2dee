package io.tributary.protocol.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.FieldStamps;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.model.Revisions;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies one change to a document: counters first split off, the plain fields decided by the
 * collection's {@link ConflictPolicy}, then the new version and the outcome built. A pure function.
 *
 * <p>Counters ({@code {"$increment": n}}) never conflict and policies never see them: a change made
 * only of increments skips the policy; counter fields are hidden from the policy's view of the
 * current version and the base; a plain number written to a counter field replaces it when the
 * policy keeps that write, unless the change merely carried the value its base had. A winning
 * delete clears the counters. A document written only by counters has no last-writer-wins time yet,
 * and increments never move a document's last-writer-wins stamp.
 */
public final class Resolver {

  /** Last-writer-wins time of a document that only increments have written. */
  static final long NO_WRITER_TIME = 0L;

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
    Counters.Split split =
        change.isDelete()
            ? new Counters.Split(change.data(), Map.of(), false)
            : Counters.split(change.data());
    if (split.malformed()) {
      return new Resolution(
          null,
          rejected(
              change,
              "invalid_increment",
              "an $increment must be the only key of its object and carry a number"));
    }
    TreeSet<String> counters = new TreeSet<>(current == null ? List.of() : current.counters());
    // A field's first increment makes it a counter starting from its current plain value.
    counters.addAll(split.increments().keySet());
    if (!split.increments().isEmpty() && onlyCarried(split.plain(), change, policy)) {
      return incrementsOnly(
          current, change, split.plain(), split.increments(), counters, partition, offset);
    }
    ChangeRecord plainChange =
        change.withData(
            carriedCountersRemoved(split.plain(), counters, current, change.base()),
            baseWithout(change.base(), counters));
    Decision decision = policy.decide(withoutCounters(current, counters), plainChange);
    if (decision instanceof Decision.Write write) {
      ObjectNode data = write.data().deepCopy();
      if (change.isDelete()) {
        counters.clear();
      } else {
        keepOrReplaceCounters(data, counters, current);
        applyIncrements(data, split.increments(), counters);
      }
      DocumentVersion next =
          version(change, data, write.deleted(), counters, write.fieldStamps(), partition, offset);
      return new Resolution(next, outcome(change, Outcome.Status.ACCEPTED, next.rev(), null));
    }
    if (decision instanceof Decision.Superseded) {
      if (current == null) {
        throw new IllegalStateException(
            "policy '"
                + policy.name()
                + "' answered superseded for a document that does not exist: fix the policy");
      }
      if (split.increments().isEmpty()) {
        return new Resolution(
            null, outcome(change, Outcome.Status.SUPERSEDED, current.rev(), current));
      }
      DocumentVersion next =
          incrementsOnly(
                  current,
                  change,
                  serverFieldsOf(split.plain(), policy),
                  split.increments(),
                  counters,
                  partition,
                  offset)
              .written();
      return new Resolution(next, outcome(change, Outcome.Status.SUPERSEDED, next.rev(), next));
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

  /** True when the plain fields are only the document's id and server-set fields. */
  private static boolean onlyCarried(ObjectNode plain, ChangeRecord change, ConflictPolicy policy) {
    for (Map.Entry<String, JsonNode> e : plain.properties()) {
      boolean isId = e.getKey().equals("id") && e.getValue().asText().equals(change.recordId());
      if (!isId && !policy.serverFields().contains(e.getKey())) {
        return false;
      }
    }
    return true;
  }

  private static ObjectNode serverFieldsOf(ObjectNode plain, ConflictPolicy policy) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String field : policy.serverFields()) {
      if (plain.has(field)) {
        out.set(field, plain.get(field));
      }
    }
    return out;
  }

  /**
   * A version that only moves counters: the current fields, the carried id and server fields, plus
   * the increments. The last-writer-wins stamp stays that of the last real write.
   */
  private static Resolution incrementsOnly(
      DocumentVersion current,
      ChangeRecord change,
      ObjectNode carried,
      Map<String, JsonNode> increments,
      TreeSet<String> counters,
      int partition,
      long offset) {
    ObjectNode data =
        current == null ? JsonNodeFactory.instance.objectNode() : current.data().deepCopy();
    data.setAll(carried);
    applyIncrements(data, increments, counters);
    String rev = Revisions.of(partition, offset);
    DocumentVersion next =
        current == null
            ? new DocumentVersion(
                change.tenant(),
                change.collection(),
                change.recordId(),
                data,
                false,
                rev,
                partition,
                offset,
                change.hlc(),
                NO_WRITER_TIME,
                change.changeId(),
                counters.stream().toList(),
                null)
            : new DocumentVersion(
                current.tenant(),
                current.collection(),
                current.id(),
                data,
                current.deleted(),
                rev,
                partition,
                offset,
                current.hlc(),
                current.lwwTime(),
                current.changeId(),
                counters.stream().toList(),
                current.fieldStamps());
    return new Resolution(next, outcome(change, Outcome.Status.ACCEPTED, rev, null));
  }

  private static void applyIncrements(
      ObjectNode data, Map<String, JsonNode> increments, TreeSet<String> counters) {
    increments.forEach(
        (field, delta) -> {
          data.set(field, Counters.add(data.get(field), delta));
          counters.add(field);
        });
  }

  /**
   * After the policy wrote {@code data}: a counter field it wrote keeps the written value (and
   * stays a counter only if that is a number); one it did not write keeps its current value.
   */
  private static void keepOrReplaceCounters(
      ObjectNode data, TreeSet<String> counters, DocumentVersion current) {
    for (String field : new TreeSet<>(counters)) {
      JsonNode written = data.get(field);
      if (written == null) {
        JsonNode kept = current == null ? null : current.data().get(field);
        if (kept != null) {
          data.set(field, kept);
        }
      } else if (!written.isNumber()) {
        counters.remove(field);
      }
    }
  }

  /** Counter values a change only carried along (equal to its base's) are not writes. */
  private static ObjectNode carriedCountersRemoved(
      ObjectNode plain, TreeSet<String> counters, DocumentVersion current, Base base) {
    if (counters.isEmpty()) {
      return plain;
    }
    ObjectNode baseState =
        switch (base.kind()) {
          case STATE -> base.state();
          case REV -> current != null && base.rev().equals(current.rev()) ? current.data() : null;
          case NONE -> null;
        };
    if (baseState == null) {
      return plain;
    }
    ObjectNode out = plain.deepCopy();
    for (String field : counters) {
      JsonNode value = out.get(field);
      if (value != null && value.equals(baseState.get(field))) {
        out.remove(field);
      }
    }
    return out;
  }

  private static Base baseWithout(Base base, TreeSet<String> counters) {
    if (counters.isEmpty() || base.kind() != Base.Kind.STATE || base.state() == null) {
      return base;
    }
    ObjectNode state = base.state().deepCopy();
    state.remove(counters);
    return Base.state(state, base.deleted());
  }

  private static DocumentVersion withoutCounters(DocumentVersion v, TreeSet<String> counters) {
    if (v == null || counters.isEmpty()) {
      return v;
    }
    ObjectNode data = v.data().deepCopy();
    data.remove(counters);
    return new DocumentVersion(
        v.tenant(),
        v.collection(),
        v.id(),
        data,
        v.deleted(),
        v.rev(),
        v.partition(),
        v.offset(),
        v.hlc(),
        v.lwwTime(),
        v.changeId(),
        v.counters(),
        v.fieldStamps());
  }

  private static DocumentVersion version(
      ChangeRecord change,
      ObjectNode data,
      boolean deleted,
      TreeSet<String> counters,
      FieldStamps fieldStamps,
      int partition,
      long offset) {
    return new DocumentVersion(
        change.tenant(),
        change.collection(),
        change.recordId(),
        data,
        deleted,
        Revisions.of(partition, offset),
        partition,
        offset,
        change.hlc(),
        change.lwwTime(),
        change.changeId(),
        counters.stream().toList(),
        fieldStamps);
  }

  private static Outcome outcome(
      ChangeRecord change, Outcome.Status status, String rev, DocumentVersion current) {
    return new Outcome(
        change.correlationId(), change.changeId(), status, rev, change.hlc(), current, null, null);
  }
}
