package io.tributary.examples.priority;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.Base;
import io.tributary.protocol.model.ChangeRecord;
import io.tributary.protocol.model.ChangeType;
import io.tributary.protocol.model.DocumentVersion;

/** Changes and versions of one document {@code acme/scores/s1}. */
final class Fixtures {

  private Fixtures() {}

  /** Fields {@code {"priority": priority, "title": title}}. */
  static ObjectNode fields(long priority, String title) {
    return JsonNodeFactory.instance.objectNode().put("priority", priority).put("title", title);
  }

  static ChangeRecord write(String changeId, long lwwTime, ObjectNode data) {
    return change(changeId, lwwTime, ChangeType.UPDATE, data);
  }

  static ChangeRecord delete(String changeId, long lwwTime) {
    return change(changeId, lwwTime, ChangeType.DELETE, null);
  }

  static DocumentVersion live(String changeId, long lwwTime, ObjectNode data) {
    return version(changeId, lwwTime, data, false);
  }

  static DocumentVersion tombstone(String changeId, long lwwTime) {
    return version(changeId, lwwTime, JsonNodeFactory.instance.objectNode(), true);
  }

  /** The version a written change becomes. */
  static DocumentVersion version(String changeId, long lwwTime, ObjectNode data, boolean deleted) {
    return new DocumentVersion(
        "acme",
        "scores",
        "s1",
        data,
        deleted,
        "rev-" + changeId,
        0,
        lwwTime,
        lwwTime << 16,
        lwwTime,
        changeId);
  }

  private static ChangeRecord change(
      String changeId, long lwwTime, ChangeType type, ObjectNode data) {
    return new ChangeRecord(
        ChangeRecord.CURRENT_VERSION,
        changeId,
        "acme",
        "scores",
        "s1",
        type,
        data,
        Base.none(),
        lwwTime << 16,
        lwwTime,
        lwwTime,
        "corr-" + changeId,
        0);
  }
}
