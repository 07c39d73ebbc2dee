package io.tributary.protocol.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One pushed change, as the ingest tier writes it to the {@code changes} topic.
 *
 * <p>Everything the projector needs to resolve the change deterministically is in here: it reads no
 * clock of its own. Immutable; {@code data} must not be modified after construction.
 *
 * @param v record format version, {@link #CURRENT_VERSION}
 * @param changeId the client's change id, or one the ingest tier generated; the idempotency key
 * @param type what the client said it did
 * @param data the new fields without reserved ({@code _}-prefixed) ones; null only for a delete
 *     that carried no data
 * @param base the version the client edited, never null
 * @param hlc the ingest tier's hybrid-logical-clock stamp at receive time
 * @param lwwTime milliseconds used by last-writer-wins: the client's timestamp when within the
 *     allowed skew, else the server's receive time
 * @param clientTimestamp the client's timestamp as sent, or null
 * @param correlationId key of the reply on {@code outcomes}, or null when no reply is wanted
 * @param replyPartition partition of {@code outcomes} the pushing instance reads, or -1
 */
public record ChangeRecord(
    int v,
    String changeId,
    String tenant,
    String collection,
    String recordId,
    ChangeType type,
    ObjectNode data,
    Base base,
    long hlc,
    long lwwTime,
    Long clientTimestamp,
    String correlationId,
    int replyPartition) {

  public static final int CURRENT_VERSION = 1;

  public ChangeRecord {
    Objects.requireNonNull(changeId, "changeId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(base, "base");
  }

  /** The same change with other fields (and base); everything else stays. */
  public ChangeRecord withData(ObjectNode newData, Base newBase) {
    return new ChangeRecord(
        v,
        changeId,
        tenant,
        collection,
        recordId,
        type,
        newData,
        newBase,
        hlc,
        lwwTime,
        clientTimestamp,
        correlationId,
        replyPartition);
  }

  public DocKey key() {
    return new DocKey(tenant, collection, recordId);
  }

  public boolean isDelete() {
    return type == ChangeType.DELETE;
  }

  public boolean wantsReply() {
    return correlationId != null && replyPartition >= 0;
  }
}
