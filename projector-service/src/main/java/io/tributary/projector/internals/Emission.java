package io.tributary.projector.internals;

import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;

/** What processing one change record sends downstream: replies and new versions. */
public sealed interface Emission {

  /** An outcome for the ingest instance that reads partition {@code replyPartition} of outcomes. */
  record Reply(Outcome outcome, int replyPartition) implements Emission {}

  /** A new (or re-emitted) document version for the documents topic. */
  record Version(DocumentVersion version) implements Emission {}
}
