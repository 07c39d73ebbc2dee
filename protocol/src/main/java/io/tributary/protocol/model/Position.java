package io.tributary.protocol.model;

/**
 * Where a document version sits: the {@code changes} topic partition and offset of the change that
 * produced it. Strictly increasing within a partition, identical on reprocessing.
 */
public record Position(int partition, long offset) implements Comparable<Position> {

  @Override
  public int compareTo(Position o) {
    int c = Integer.compare(partition, o.partition);
    return c != 0 ? c : Long.compare(offset, o.offset);
  }
}
