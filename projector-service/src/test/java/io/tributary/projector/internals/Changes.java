package io.tributary.projector.internals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.ChangeType;

/** Builds change records for tests. Immutable: every {@code with…} returns a new builder. */
record Changes(
    String changeId,
    String tenant,
    String collection,
    String recordId,
    ChangeType type,
    ObjectNode data,
    Base base,
    long hlc,
    long lwwTime,
    String correlationId,
    int replyPartition) {

  static Changes write(String tenant, String collection, String recordId, String changeId) {
    return new Changes(
        changeId,
        tenant,
        collection,
        recordId,
        ChangeType.UPDATE,
        fields("id", recordId),
        Base.none(),
        1000,
        1000,
        "corr-" + changeId,
        0);
  }

  static ObjectNode fields(String... keyValues) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < keyValues.length; i += 2) {
      node.put(keyValues[i], keyValues[i + 1]);
    }
    return node;
  }

  Changes data(String... keyValues) {
    ObjectNode node = fields("id", recordId);
    node.setAll(fields(keyValues));
    return new Changes(
        changeId,
        tenant,
        collection,
        recordId,
        type,
        node,
        base,
        hlc,
        lwwTime,
        correlationId,
        replyPartition);
  }

  /** The id plus these fields, whatever their JSON types (e.g. counter increments). */
  Changes json(ObjectNode fields) {
    ObjectNode node = fields("id", recordId);
    node.setAll(fields);
    return new Changes(
        changeId,
        tenant,
        collection,
        recordId,
        type,
        node,
        base,
        hlc,
        lwwTime,
        correlationId,
        replyPartition);
  }

  /** A delete carrying just the id, as the ingest tier sends it. */
  Changes delete() {
    return new Changes(
        changeId,
        tenant,
        collection,
        recordId,
        ChangeType.DELETE,
        fields("id", recordId),
        base,
        hlc,
        lwwTime,
        correlationId,
        replyPartition);
  }

  Changes base(Base newBase) {
    return new Changes(
        changeId,
        tenant,
        collection,
        recordId,
        type,
        data,
        newBase,
        hlc,
        lwwTime,
        correlationId,
        replyPartition);
  }

  Changes clock(long time) {
    return new Changes(
        changeId,
        tenant,
        collection,
        recordId,
        type,
        data,
        base,
        time,
        time,
        correlationId,
        replyPartition);
  }

  Changes reply(String newCorrelationId, int partition) {
    return new Changes(
        changeId,
        tenant,
        collection,
        recordId,
        type,
        data,
        base,
        hlc,
        lwwTime,
        newCorrelationId,
        partition);
  }

  ChangeRecord build() {
    return new ChangeRecord(
        ChangeRecord.CURRENT_VERSION,
        changeId,
        tenant,
        collection,
        recordId,
        type,
        data,
        base,
        hlc,
        lwwTime,
        null,
        correlationId,
        replyPartition);
  }
}
