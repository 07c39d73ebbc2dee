package io.tributary.protocol.wire;

/**
 * Admin API: the answer to {@code POST /v1/admin/evict}.
 *
 * @param tenant the token's tenant, whose server-side state was deleted
 * @param generation the tenant's generation now; cursors of earlier generations get 410 {@code
 *     tenant_reset}
 * @param partitions the {@code changes} partitions that applied the eviction (all of them)
 */
public record AdminEviction(String tenant, long generation, int partitions) {}
