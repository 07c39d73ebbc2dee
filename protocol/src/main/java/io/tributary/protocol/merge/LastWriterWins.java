package io.tributary.protocol.merge;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Stamp;

/**
 * {@code lww}: the whole document of the latest writer wins. Writers are ordered by
 * last-writer-wins time, then server clock stamp, then change id, a total order that does not
 * depend on the order changes arrive in, so every replica converges.
 */
public final class LastWriterWins implements ConflictPolicy {

  public static final String NAME = "lww";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Decision decide(DocumentVersion current, ChangeRecord change) {
    if (current != null && Stamp.of(change).compareTo(Stamp.of(current)) <= 0) {
      return new Decision.Superseded();
    }
    return new Decision.Write(newData(change), change.isDelete());
  }

  /**
   * The fields a write leaves: its own; none for a delete that carried none. They depend on the
   * winning change alone, never on what was current, so replicas converge whatever the arrival
   * order.
   */
  static ObjectNode newData(ChangeRecord change) {
    return change.data() != null ? change.data() : JsonNodeFactory.instance.objectNode();
  }
}
