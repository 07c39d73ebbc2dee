package io.tributary.protocol.model;

/**
 * Revisions are derived from positions, so reprocessing after a crash yields the same rev and two
 * versions have equal revs exactly when they are the same version.
 */
public final class Revisions {

  private Revisions() {}

  public static String of(int partition, long offset) {
    return Long.toString(offset, 36) + '-' + Integer.toString(partition, 36);
  }
}
