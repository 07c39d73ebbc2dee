package io.tributary.protocol.merge;

import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.DocumentVersion;
import java.util.Set;

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

  /**
   * Fields the server sets on every write (e.g. the collection's timestamp field). A change that
   * carries nothing but these, the document's {@code id} and counter increments is not a write of
   * the document: it only moves counters.
   */
  default Set<String> serverFields() {
    return Set.of();
  }
}
