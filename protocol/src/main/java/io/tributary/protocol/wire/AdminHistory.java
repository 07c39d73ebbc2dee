package io.tributary.protocol.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Admin API: the answer to {@code GET /v1/admin/history?collection=&id=}: what the {@code changes}
 * log holds for one document, oldest first.
 *
 * @param collection the document's collection
 * @param id the document's id
 * @param partition the {@code changes} partition that holds the document's changes
 * @param complete false when the lookup stopped at {@code admin.history.max.scan.ms} or at the
 *     requested limit before the log's start was covered; {@code changes} then holds the latest
 *     entries found
 * @param changes the changes, oldest first, at most the requested limit (the latest ones)
 */
public record AdminHistory(
    String collection, String id, int partition, boolean complete, List<Entry> changes) {

  /**
   * One change of the document, or an eviction of its tenant.
   *
   * @param offset position of the change in its partition of {@code changes}
   * @param generation the tenant's generation the change was written in
   * @param changeId the change id (the client's, or one the server generated)
   * @param type {@code create}, {@code update}, {@code delete}, or {@code evict} for an eviction of
   *     the tenant (which deleted the document if it existed)
   * @param data the fields as pushed (counter increments as {@code {"$increment": n}}); absent for
   *     a delete without data and for an eviction
   * @param serverTimestamp epoch milliseconds of the server's clock stamp
   * @param clientTimestamp the client's timestamp as sent, if any
   * @param status for a change of the current generation: {@code accepted}, {@code superseded},
   *     {@code conflict} or {@code rejected}, as the projector decided it; absent for earlier
   *     generations (their outcomes were evicted) and for changes not yet processed
   * @param rev the rev the outcome names (the new version's, or the winner's when superseded)
   */
  public record Entry(
      long offset,
      long generation,
      String changeId,
      String type,
      @JsonInclude(JsonInclude.Include.NON_NULL) ObjectNode data,
      long serverTimestamp,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long clientTimestamp,
      @JsonInclude(JsonInclude.Include.NON_NULL) String status,
      @JsonInclude(JsonInclude.Include.NON_NULL) String rev) {

    public Entry withOutcome(String newStatus, String newRev) {
      return new Entry(
          offset,
          generation,
          changeId,
          type,
          data,
          serverTimestamp,
          clientTimestamp,
          newStatus,
          newRev);
    }
  }
}
