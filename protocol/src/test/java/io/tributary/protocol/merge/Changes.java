package io.tributary.protocol.merge;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.json.Json;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.ChangeType;

/** Builders for test changes of one document {@code acme/todos/t1}. */
final class Changes {

  private Changes() {}

  static ObjectNode data(String field, Object value) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.set(field, Json.mapper().valueToTree(value));
    return node;
  }

  static ChangeRecord write(String changeId, long lwwTime, ObjectNode data, Base base) {
    return new ChangeRecord(
        ChangeRecord.CURRENT_VERSION,
        changeId,
        "acme",
        "todos",
        "t1",
        ChangeType.UPDATE,
        data,
        base,
        lwwTime << 16,
        lwwTime,
        lwwTime,
        "corr-" + changeId,
        0);
  }

  static ObjectNode inc(String field, long n) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.putObject(field).put(Counters.INCREMENT, n);
    return node;
  }

  static ChangeRecord delete(String changeId, long lwwTime, Base base) {
    return new ChangeRecord(
        ChangeRecord.CURRENT_VERSION,
        changeId,
        "acme",
        "todos",
        "t1",
        ChangeType.DELETE,
        null,
        base,
        lwwTime << 16,
        lwwTime,
        null,
        "corr-" + changeId,
        0);
  }
}
