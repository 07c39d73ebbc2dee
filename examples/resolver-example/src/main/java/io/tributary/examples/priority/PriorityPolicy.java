package io.tributary.examples.priority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.merge.ConflictPolicy;
import io.tributary.protocol.merge.Decision;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Stamp;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * {@code priority}: a write replaces the document only if its numeric priority field is at least
 * the current document's; a lower-priority write is a conflict the client resolves against the
 * current version. Writes of equal priority are ordered by last-writer-wins (the later one is
 * written, the earlier one reported as superseded). Deletes always win. A write to a document that
 * does not exist, or was deleted, is always written.
 *
 * <p>A priority that is absent or not a number counts as 0. Pure and deterministic: it reads only
 * its arguments, so every replica decides every change the same way.
 */
public final class PriorityPolicy implements ConflictPolicy {

  /** The field holding a document's priority unless another is given. */
  public static final String DEFAULT_FIELD = "priority";

  private final String field;
  private final Set<String> serverFields;

  /**
   * @param field the name of the numeric field that holds a document's priority
   * @param serverFields fields the server sets on every write, passed on to Tributary
   */
  public PriorityPolicy(String field, Set<String> serverFields) {
    this.field = Objects.requireNonNull(field, "field");
    this.serverFields = Set.copyOf(serverFields);
  }

  @Override
  public String name() {
    return PriorityResolver.NAME;
  }

  /** Tells Tributary which fields it set itself, so a change of only those is not a write. */
  @Override
  public Set<String> serverFields() {
    return serverFields;
  }

  @Override
  public Decision decide(DocumentVersion current, ChangeRecord change) {
    ObjectNode data = change.data() != null ? change.data() : JsonNodeFactory.instance.objectNode();
    if (change.isDelete()) {
      return new Decision.Write(data, true);
    }
    if (current == null || current.deleted()) {
      return new Decision.Write(data, false);
    }
    int order = priority(data).compareTo(priority(current.data()));
    if (order < 0) {
      return new Decision.Conflict();
    }
    if (order > 0 || Stamp.of(change).compareTo(Stamp.of(current)) > 0) {
      return new Decision.Write(data, false);
    }
    return new Decision.Superseded();
  }

  /** The priority of a document's fields: its number, exactly; 0 when absent or not a number. */
  BigDecimal priority(ObjectNode data) {
    JsonNode value = data.get(field);
    return value != null && value.isNumber() ? value.decimalValue() : BigDecimal.ZERO;
  }
}
