package io.tributary.projector.internals;

import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;

/** What processing one change record sends downstream: replies, new versions, reset marks. */
public sealed interface Emission {

  /** An outcome for the ingest instance that reads partition {@code replyPartition} of outcomes. */
  record Reply(Outcome outcome, int replyPartition) implements Emission {}

  /** A new (or re-emitted) document version for the documents topic. */
  record Version(DocumentVersion version) implements Emission {}

  /**
   * The mark on {@code documents} that {@code tenant} was reset to {@code generation}: key the
   * tenant, no value, header {@code Topics.TENANT_RESET_HEADER}. Live streams of the tenant end
   * with a resync.
   */
  record TenantReset(String tenant, long generation) implements Emission {}
}
