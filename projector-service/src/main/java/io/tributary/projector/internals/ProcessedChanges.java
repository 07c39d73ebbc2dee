package io.tributary.projector.internals;

import io.tributary.protocol.model.Outcome;

/**
 * Told of the outcome of each change the projector decides (metrics). A side effect outside the
 * data: nothing it does is read back, so it cannot change what the topology writes.
 */
@FunctionalInterface
public interface ProcessedChanges {

  /** Counts nothing. */
  ProcessedChanges NONE = (status, policy) -> {};

  /** The label of changes refused before a policy was chosen (an invalid record). */
  String NO_POLICY = "none";

  /**
   * @param policy the name of the collection's policy, bounded by configuration
   */
  void processed(Outcome.Status status, String policy);

  /**
   * A change set aside: {@code undecodable} (copied to the dead-letter topic) or {@code
   * resolver_failed} (the collection's policy threw; the change is answered rejected).
   */
  default void deadLettered(String reason) {}
}
