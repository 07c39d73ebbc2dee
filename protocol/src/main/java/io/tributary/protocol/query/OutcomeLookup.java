package io.tributary.protocol.query;

import io.tributary.protocol.model.Outcome;
import java.util.List;
import java.util.Map;

/**
 * The API tier's question to the projector instance that serves {@code partition}: the first
 * outcomes of these change ids of {@code tenant} there (their idempotency entries). Body of {@code
 * POST /internal/v1/outcomes}.
 */
public record OutcomeLookup(String tenant, int partition, List<String> changeIds) {

  /** Largest number of change ids one lookup may name. */
  public static final int MAX_CHANGE_IDS = 1_000;

  /**
   * The answer: change id → its first outcome (without the {@code current} version), for the ids
   * that have one.
   */
  public record Answer(Map<String, Outcome> outcomes) {}
}
