package io.tributary.projector.internals;

import io.tributary.protocol.model.DocumentVersion;
import io.tributary.protocol.model.Outcome;
import io.tributary.protocol.topic.Topics;
import java.util.Objects;

/**
 * What processing one change record sends downstream: replies, new versions, reset marks. A reply
 * and a version may carry the bytes they were stored as, so the sink does not encode them again.
 */
public sealed interface Emission {

  /**
   * An outcome for the ingest instance that reads partition {@code replyPartition} of outcomes.
   *
   * @param encoded the outcome as the outcomes topic takes it, when already encoded (for the
   *     store), else null; not part of equality
   */
  record Reply(Outcome outcome, int replyPartition, byte[] encoded) implements Emission {

    public Reply(Outcome outcome, int replyPartition) {
      this(outcome, replyPartition, null);
    }

    /** The outcome's encoding, reused when it was already made. */
    public byte[] bytes() {
      return encoded != null ? encoded : Topics.OUTCOMES.valueCodec().encode(outcome);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Reply r
          && r.replyPartition == replyPartition
          && r.outcome.equals(outcome);
    }

    @Override
    public int hashCode() {
      return Objects.hash(outcome, replyPartition);
    }

    @Override
    public String toString() {
      return "Reply[outcome=" + outcome + ", replyPartition=" + replyPartition + "]";
    }
  }

  /**
   * A new (or re-emitted) document version for the documents topic.
   *
   * @param encoded the version as the documents topic takes it, when already encoded (for the
   *     store), else null; not part of equality
   */
  record Version(DocumentVersion version, byte[] encoded) implements Emission {

    public Version(DocumentVersion version) {
      this(version, null);
    }

    /** The version's encoding, reused when it was already made. */
    public byte[] bytes() {
      return encoded != null ? encoded : Topics.DOCUMENTS.valueCodec().encode(version);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Version v && v.version.equals(version);
    }

    @Override
    public int hashCode() {
      return version.hashCode();
    }

    @Override
    public String toString() {
      return "Version[version=" + version + "]";
    }
  }

  /**
   * The mark on {@code documents} that {@code tenant} was reset to {@code generation}: key the
   * tenant, no value, header {@code Topics.TENANT_RESET_HEADER}. Live streams of the tenant end
   * with a resync.
   */
  record TenantReset(String tenant, long generation) implements Emission {}
}
