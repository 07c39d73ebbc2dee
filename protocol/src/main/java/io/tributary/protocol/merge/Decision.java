package io.tributary.protocol.merge;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a {@link ConflictPolicy} decided for one incoming change. */
public sealed interface Decision {

  /** The change becomes the document's new version with these fields. */
  record Write(ObjectNode data, boolean deleted) implements Decision {}

  /** The change is accepted but the current version stays: it wins by the policy's order. */
  record Superseded() implements Decision {}

  /** The change is refused; the client resolves against the current version and retries. */
  record Conflict() implements Decision {}
}
