package io.tributary.common.collections;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The settings of one collection. Immutable; {@code schema} must not be modified.
 *
 * @param policy conflict policy name: {@code lww}, {@code client-resolves}, {@code field-merge} or
 *     the name of a resolver on the classpath; never null or blank
 * @param timestampField a top-level field the server sets to its receive time (epoch milliseconds)
 *     on every write, or null for none
 * @param maxDocumentBytes the largest serialised document accepted, or null to use {@code
 *     document.max.bytes}
 * @param schema the JSON Schema every written document must satisfy, or null for none
 */
public record CollectionConfig(
    String policy, String timestampField, Integer maxDocumentBytes, JsonNode schema) {

  /** The fields the server sets itself, which clients' assumed states are compared without. */
  public Set<String> serverFields() {
    return timestampField == null ? Set.of() : Set.of(timestampField);
  }
}
