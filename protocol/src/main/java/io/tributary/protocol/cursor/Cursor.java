package io.tributary.protocol.cursor;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a client has seen: per {@code changes} partition, the position (offset) of the last version
 * it was given or the watermark it was caught up to, plus the tenant's generation.
 *
 * <p>Immutable value type. A partition absent from the map has position {@link #NOTHING}: the
 * client has seen nothing of it. {@link #advance} never moves a partition backwards.
 */
public final class Cursor {

  /** The position of a partition the client has seen nothing of. */
  public static final long NOTHING = -1L;

  /** The cursor of a client that has seen nothing yet, in generation 0. */
  public static final Cursor BEGINNING = new Cursor(0, new TreeMap<>());

  private final long generation;
  private final SortedMap<Integer, Long> positions;

  private Cursor(long generation, SortedMap<Integer, Long> positions) {
    this.generation = generation;
    this.positions = Collections.unmodifiableSortedMap(positions);
  }

  /**
   * @param positions partition → last seen offset; entries at {@link #NOTHING} are dropped
   * @throws IllegalArgumentException for a negative generation, partition, or an offset below
   *     {@link #NOTHING}
   */
  public static Cursor of(long generation, Map<Integer, Long> positions) {
    if (generation < 0) {
      throw new IllegalArgumentException("negative generation");
    }
    TreeMap<Integer, Long> copy = new TreeMap<>();
    positions.forEach(
        (p, o) -> {
          if (p < 0 || o < NOTHING) {
            throw new IllegalArgumentException("negative partition or offset");
          }
          if (o > NOTHING) {
            copy.put(p, o);
          }
        });
    return new Cursor(generation, copy);
  }

  /** The cursor that has seen nothing, in the given generation. */
  public static Cursor beginning(long generation) {
    return generation == 0 ? BEGINNING : of(generation, Map.of());
  }

  public long generation() {
    return generation;
  }

  /** The last position seen in {@code partition}, or {@link #NOTHING}. */
  public long position(int partition) {
    return positions.getOrDefault(partition, NOTHING);
  }

  /** Partition → last seen offset, for partitions where something was seen. Unmodifiable. */
  public SortedMap<Integer, Long> positions() {
    return positions;
  }

  public boolean isBeginning() {
    return positions.isEmpty();
  }

  /**
   * This cursor with {@code partition} moved to {@code offset}, or unchanged if it is already there
   * or beyond: a cursor never moves backwards.
   */
  public Cursor advance(int partition, long offset) {
    if (offset <= position(partition)) {
      return this;
    }
    TreeMap<Integer, Long> copy = new TreeMap<>(positions);
    copy.put(partition, offset);
    return new Cursor(generation, copy);
  }

  /** True if every partition of {@code other} is at or behind this cursor's position. */
  public boolean covers(Cursor other) {
    for (Map.Entry<Integer, Long> e : other.positions.entrySet()) {
      if (position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cursor c && generation == c.generation && positions.equals(c.positions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(generation, positions);
  }

  @Override
  public String toString() {
    return "Cursor{gen=" + generation + ", " + positions + '}';
  }
}
