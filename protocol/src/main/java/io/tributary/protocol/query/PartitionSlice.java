package io.tributary.protocol.query;

import io.tributary.protocol.model.DocumentVersion;
import java.util.List;

/**
 * One partition's part of a scan answer.
 *
 * @param versions the tenant's latest versions with position in (after, watermark], in position
 *     order, at most the request's limit
 * @param watermark the partition's processed watermark, read before the scan: every version at a
 *     position above it is written after the scan began
 * @param exhausted true when fewer than the limit were found, so the client may move its cursor for
 *     this partition to {@code watermark}
 * @param generation the tenant's generation in this partition (0 until its first reset); the API
 *     tier refuses a cursor of an older generation with 410 {@code tenant_reset}
 */
public record PartitionSlice(
    List<DocumentVersion> versions, long watermark, boolean exhausted, long generation) {

  /** A slice of a tenant in generation 0. */
  public PartitionSlice(List<DocumentVersion> versions, long watermark, boolean exhausted) {
    this(versions, watermark, exhausted, 0L);
  }
}
