package io.tributary.protocol.merge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.protocol.model.FieldStamps;

/** What a {@link ConflictPolicy} decided for one incoming change. */
public sealed interface Decision {

  /**
   * The change becomes the document's new version with these fields.
   *
   * @param fieldStamps per-field clocks to keep with the version, or null for policies that keep
   *     none (only {@code field-merge} does)
   */
  record Write(ObjectNode data, boolean deleted, FieldStamps fieldStamps) implements Decision {

    public Write(ObjectNode data, boolean deleted) {
      this(data, deleted, null);
    }
  }

  /** The change is accepted but the current version stays: it wins by the policy's order. */
  record Superseded() implements Decision {}

  /** The change is refused; the client resolves against the current version and retries. */
  record Conflict() implements Decision {}
}
