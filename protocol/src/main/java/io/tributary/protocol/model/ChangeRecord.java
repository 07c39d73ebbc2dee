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
 * @param generation for {@link ChangeType#RESET} only: the tenant generation this reset moves the
 *     tenant to; 0 otherwise
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
    int replyPartition,
    long generation) {

  public static final int CURRENT_VERSION = 1;

  /** A client change (generation 0). */
  public ChangeRecord(
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
    this(
        v,
        changeId,
        tenant,
        collection,
        recordId,
        type,
        data,
        base,
        hlc,
        lwwTime,
        clientTimestamp,
        correlationId,
        replyPartition,
        0L);
  }

  /**
   * The admin API's reset of {@code tenant} to {@code generation}, written to every partition of
   * {@code changes}: each partition's projector deletes the tenant's documents, index entries,
   * counts and idempotency outcomes there, unless it is already at that generation or a later one.
   * Collection and record id are empty.
   */
  public static ChangeRecord tenantReset(
      String changeId,
      String tenant,
      long generation,
      long hlc,
      String correlationId,
      int replyPartition) {
    return new ChangeRecord(
        CURRENT_VERSION,
        changeId,
        tenant,
        "",
        "",
        ChangeType.RESET,
        null,
        Base.none(),
        hlc,
        0L,
        null,
        correlationId,
        replyPartition,
        generation);
  }

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
        replyPartition,
        generation);
  }

  public DocKey key() {
    return new DocKey(tenant, collection, recordId);
  }

  /** True for the admin API's tenant reset, false for every client change. */
  public boolean isTenantReset() {
    return type == ChangeType.RESET;
  }

  public boolean isDelete() {
    return type == ChangeType.DELETE;
  }

  public boolean wantsReply() {
    return correlationId != null && replyPartition >= 0;
  }
}
