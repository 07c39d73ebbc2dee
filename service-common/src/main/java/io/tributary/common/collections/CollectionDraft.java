package io.tributary.common.collections;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The settings of one collection while they are read from several sources; a later source overrides
 * an earlier one field by field. Mutable, confined to {@link CollectionRules#from}.
 */
final class CollectionDraft {

  String policy;
  String timestampField;
  Integer maxDocumentBytes;
  JsonNode schema;

  CollectionConfig toConfig(String defaultPolicy) {
    return new CollectionConfig(
        policy == null ? defaultPolicy : policy, timestampField, maxDocumentBytes, schema);
  }
}
