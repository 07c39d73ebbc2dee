package io.tributary.protocol.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.FieldStamps;
import io.tributary.protocol.model.Stamp;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code field-merge}: a last-writer-wins register per top-level field, so writes to different
 * fields both survive and the same field resolves by {@link Stamp}. The server resolves; a change
 * is never a conflict.
 *
 * <p>A write counts as writing the fields that differ from its base (a field of the base missing
 * from the new state counts as removed); a write with no known base writes every field it carries
 * and leaves the others alone. A delete is a write of every field at its stamp: fields written
 * later than the delete recreate the document with just those fields. Each field's register and the
 * delete stamp only ever move to a greater stamp, so any order of delivery gives the same document.
 */
public final class FieldMerge implements ConflictPolicy {

  public static final String NAME = "field-merge";

  /** Always counted as written, so a document recreated after a delete keeps its id. */
  private static final String ID = "id";

  private static final JsonNode REMOVED = JsonNodeFactory.instance.missingNode();

  private final Set<String> serverFields;

  /**
   * @param serverFields fields the server sets on every write (e.g. a timestamp field): always
   *     counted as written
   */
  public FieldMerge(Set<String> serverFields) {
    this.serverFields = Set.copyOf(serverFields);
  }

  public FieldMerge() {
    this(Set.of());
  }

  @Override
  public Set<String> serverFields() {
    return serverFields;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Decision decide(DocumentVersion current, ChangeRecord change) {
    FieldStamps before = stampsOf(current);
    Stamp stamp = Stamp.of(change);
    TreeMap<String, Stamp> fields = new TreeMap<>(before.fields());
    Stamp deletedAt = before.deletedAt();
    ObjectNode data = visibleFields(current, before);

    if (change.isDelete()) {
      if (stamp.isAfter(deletedAt)) {
        deletedAt = stamp;
        forgetUpTo(stamp, fields, data);
      }
    } else if (stamp.isAfter(deletedAt)) {
      written(current, change)
          .forEach(
              (field, value) -> {
                if (stamp.isAfter(fields.get(field))) {
                  fields.put(field, stamp);
                  if (value == REMOVED) {
                    data.remove(field);
                  } else {
                    data.set(field, value);
                  }
                }
              });
    }
    FieldStamps after = new FieldStamps(fields, deletedAt);
    if (current != null && after.equals(before) && data.equals(current.data())) {
      return new Decision.Superseded();
    }
    return new Decision.Write(data, deletedAt != null && data.isEmpty(), after);
  }

  /** The clocks of the current version; a version made under another policy starts from its own. */
  private static FieldStamps stampsOf(DocumentVersion current) {
    if (current == null) {
      return FieldStamps.EMPTY;
    }
    if (current.fieldStamps() != null) {
      return current.fieldStamps();
    }
    Stamp stamp = Stamp.of(current);
    if (current.deleted()) {
      return new FieldStamps(Map.of(), stamp);
    }
    Map<String, Stamp> fields = new TreeMap<>();
    current.data().fieldNames().forEachRemaining(f -> fields.put(f, stamp));
    return new FieldStamps(fields, null);
  }

  /** Field → new value, or {@link #REMOVED}: what this change writes. */
  private Map<String, JsonNode> written(DocumentVersion current, ChangeRecord change) {
    ObjectNode next = change.data() == null ? JsonNodeFactory.instance.objectNode() : change.data();
    ObjectNode base = baseOf(current, change.base());
    Map<String, JsonNode> out = new LinkedHashMap<>();
    next.properties()
        .forEach(
            e -> {
              String field = e.getKey();
              if (base == null
                  || field.equals(ID)
                  || serverFields.contains(field)
                  || !e.getValue().equals(base.get(field))) {
                out.put(field, e.getValue());
              }
            });
    if (base != null) {
      base.fieldNames()
          .forEachRemaining(
              field -> {
                if (!next.has(field)) {
                  out.put(field, REMOVED);
                }
              });
    }
    return out;
  }

  /** The fields the client edited from, or null when not known. */
  private static ObjectNode baseOf(DocumentVersion current, Base base) {
    return switch (base.kind()) {
      case NONE -> null;
      case REV -> current != null && base.rev().equals(current.rev()) ? current.data() : null;
      case STATE ->
          base.state() == null || base.deleted()
              ? JsonNodeFactory.instance.objectNode()
              : base.state();
    };
  }

  /** The current fields the clocks know of (a tombstone made by another policy shows none). */
  private static ObjectNode visibleFields(DocumentVersion current, FieldStamps stamps) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    if (current != null) {
      current
          .data()
          .properties()
          .forEach(
              e -> {
                if (stamps.fields().containsKey(e.getKey())) {
                  data.set(e.getKey(), e.getValue());
                }
              });
    }
    return data;
  }

  private static void forgetUpTo(Stamp stamp, Map<String, Stamp> fields, ObjectNode data) {
    for (Iterator<Map.Entry<String, Stamp>> it = fields.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Stamp> e = it.next();
      if (!e.getValue().isAfter(stamp)) {
        data.remove(e.getKey());
        it.remove();
      }
    }
  }
}
