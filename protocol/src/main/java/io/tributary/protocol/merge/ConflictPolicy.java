package io.tributary.protocol.merge;

import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;

/**
 * A collection's conflict policy: a pure function from the current version and an incoming change
 * to a {@link Decision}.
 *
 * <p>Implementations must be deterministic: no clock, no randomness, no I/O. Everything they may
 * use is in the arguments, so a change reprocessed after a crash is decided the same way.
 */
public interface ConflictPolicy {

  /** The name used in configuration, e.g. {@code lww}. */
  String name();

  /**
   * @param current the document's current version (possibly a tombstone), or null if none exists
   * @param change the incoming change
   */
  Decision decide(DocumentVersion current, ChangeRecord change);
}
