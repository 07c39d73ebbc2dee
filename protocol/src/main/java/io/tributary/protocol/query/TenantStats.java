package io.tributary.protocol.query;

import java.util.Map;

/**
 * A projector instance's answer to {@code GET /internal/v1/tenant?tenant=}: the tenant's generation
 * and document counts in each {@code changes} partition the instance serves as an active task. A
 * partition it does not serve now is absent.
 *
 * @param partitions partition → that partition's part
 */
public record TenantStats(Map<Integer, PartitionStats> partitions) {

  /**
   * @param generation the tenant's generation in this partition (0 until its first reset)
   * @param collections collection → counts, for the collections the tenant has documents in here
   */
  public record PartitionStats(long generation, Map<String, CollectionCounts> collections) {}

  /**
   * @param documents documents whose current version is not a tombstone
   * @param tombstones documents whose current version is a tombstone
   */
  public record CollectionCounts(long documents, long tombstones) {

    public CollectionCounts plus(CollectionCounts other) {
      return new CollectionCounts(documents + other.documents, tombstones + other.tombstones);
    }
  }
}
