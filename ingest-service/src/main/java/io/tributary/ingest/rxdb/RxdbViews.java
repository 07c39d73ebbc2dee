package io.tributary.ingest.rxdb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.DocumentVersion;
import java.util.List;

/** Dialect B's JSON view of a version: stored fields plus {@code id} and {@code _deleted}. */
public final class RxdbViews {

  private RxdbViews() {}

  public static ObjectNode document(DocumentVersion v) {
    ObjectNode doc = v.data().deepCopy();
    doc.put("id", v.id());
    doc.put("_deleted", v.deleted());
    return doc;
  }

  public static List<ObjectNode> documents(List<DocumentVersion> versions) {
    return versions.stream().map(RxdbViews::document).toList();
  }
}
