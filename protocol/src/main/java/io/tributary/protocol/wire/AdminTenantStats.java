package io.tributary.protocol.wire;

import java.util.Map;

/**
 * Admin API: the answer to {@code GET /v1/admin/stats}, summed over every {@code changes}
 * partition.
 *
 * @param tenant the token's tenant
 * @param generation the tenant's generation (0 until its first eviction)
 * @param evictionInProgress true while an eviction has reached some partitions but not all
 * @param documents documents whose current version is not a tombstone
 * @param tombstones documents whose current version is a tombstone
 * @param collections collection → its counts
 */
public record AdminTenantStats(
    String tenant,
    long generation,
    boolean evictionInProgress,
    long documents,
    long tombstones,
    Map<String, Counts> collections) {

  /** The counts of one collection. */
  public record Counts(long documents, long tombstones) {}
}
