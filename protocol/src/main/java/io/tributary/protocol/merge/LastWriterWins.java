package io.tributary.protocol.merge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import java.util.Comparator;

/**
 * {@code lww}: the whole document of the latest writer wins. Writers are ordered by last-writer-wins
 * time, then server clock stamp, then change id, a total order that does not depend on the order
 * changes arrive in, so every replica converges.
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
    return new Decision.Write(newData(current, change), change.isDelete());
  }

  /** The fields a write leaves: its own, or for a delete without data, the last known ones. */
  static ObjectNode newData(DocumentVersion current, ChangeRecord change) {
    if (change.data() != null) {
      return change.data();
    }
    if (current != null) {
      return current.data();
    }
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  }
}
