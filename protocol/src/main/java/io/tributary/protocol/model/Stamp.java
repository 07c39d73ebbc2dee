package io.tributary.protocol.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * The clock of one write, as last-writer-wins orders writes: last-writer-wins time, then the
 * server's clock stamp, then the change id. A total order that does not depend on the order changes
 * arrive in, so replicas that compare stamps converge. Immutable.
 */
public record Stamp(long lwwTime, long hlc, String changeId) implements Comparable<Stamp> {

  private static final Comparator<Stamp> ORDER =
      Comparator.comparingLong(Stamp::lwwTime)
          .thenComparingLong(Stamp::hlc)
          .thenComparing(Stamp::changeId);

  public Stamp {
    Objects.requireNonNull(changeId, "changeId");
  }

  public static Stamp of(ChangeRecord c) {
    return new Stamp(c.lwwTime(), c.hlc(), c.changeId());
  }

  public static Stamp of(DocumentVersion v) {
    return new Stamp(v.lwwTime(), v.hlc(), v.changeId());
  }

  public boolean isAfter(Stamp other) {
    return other == null || compareTo(other) > 0;
  }

  @Override
  public int compareTo(Stamp o) {
    return ORDER.compare(this, o);
  }
}
