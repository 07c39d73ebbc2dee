package io.tributary.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Builders for the JSON the tests send: dialect A changes, documents, RxDB push rows. */
public final class Changes {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Changes() {}

  /** A document {@code {"id": id, ...fields}}; field values are Strings, Numbers or Booleans. */
  public static ObjectNode doc(String id, Map<String, ?> fields) {
    ObjectNode d = F.objectNode().put("id", id);
    fields.forEach((k, v) -> d.set(k, value(v)));
    return d;
  }

  /** A document with one text field {@code title}. */
  public static ObjectNode doc(String id, String title) {
    return F.objectNode().put("id", id).put("title", title);
  }

  /** A dialect A change: {@code {id, collection, recordId, type, data}}. */
  public static ObjectNode change(
      String changeId, String type, String collection, String recordId, JsonNode data) {
    ObjectNode c =
        F.objectNode()
            .put("id", changeId)
            .put("collection", collection)
            .put("recordId", recordId)
            .put("type", type);
    if (data != null) {
      c.set("data", data);
    }
    return c;
  }

  /**
   * A dialect B push row, as RxDB sends it (both states carry {@code _deleted}). {@code assumed}
   * null means "assumed absent".
   */
  public static ObjectNode row(JsonNode assumed, JsonNode next) {
    ObjectNode r = F.objectNode();
    r.set("assumedMasterState", assumed == null ? F.nullNode() : withDeletedFlag(assumed));
    r.set("newDocumentState", withDeletedFlag(next));
    return r;
  }

  /** RxDB always sends {@code _deleted}; adds {@code false} when the state lacks it. */
  public static ObjectNode withDeletedFlag(JsonNode state) {
    ObjectNode s = (ObjectNode) state.deepCopy();
    if (!s.has("_deleted")) {
      s.put("_deleted", false);
    }
    return s;
  }

  private static JsonNode value(Object v) {
    if (v instanceof String s) {
      return F.textNode(s);
    }
    if (v instanceof Integer i) {
      return F.numberNode(i);
    }
    if (v instanceof Long l) {
      return F.numberNode(l);
    }
    if (v instanceof Double d) {
      return F.numberNode(d);
    }
    if (v instanceof Boolean b) {
      return F.booleanNode(b);
    }
    throw new IllegalArgumentException("unsupported test field type " + v.getClass());
  }
}
