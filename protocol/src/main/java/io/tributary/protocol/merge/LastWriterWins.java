package io.tributary.protocol.merge;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import java.util.Comparator;

/**
 * {@code lww}: the whole document of the latest writer wins. Writers are ordered by
 * last-writer-wins time, then server clock stamp, then change id, a total order that does not
 * depend on the order changes arrive in, so every replica converges.
 */
public final class LastWriterWins implements ConflictPolicy {

  public static final String NAME = "lww";

  /** Orders writes: the greatest wins. */
  public record Stamp(long lwwTime, long hlc, String changeId) implements Comparable<Stamp> {

    private static final Comparator<Stamp> ORDER =
        Comparator.comparingLong(Stamp::lwwTime)
            .thenComparingLong(Stamp::hlc)
            .thenComparing(Stamp::changeId);

    public static Stamp of(ChangeRecord c) {
      return new Stamp(c.lwwTime(), c.hlc(), c.changeId());
    }

    public static Stamp of(DocumentVersion v) {
      return new Stamp(v.lwwTime(), v.hlc(), v.changeId());
    }

    @Override
    public int compareTo(Stamp o) {
      return ORDER.compare(this, o);
    }
  }

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
