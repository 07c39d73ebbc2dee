package io.tributary.protocol.wire;

import java.util.List;

/**
 * Dialect A: answer of {@code /v1/sync/pull}.
 *
 * @param cursor pass it back on the next pull; never null
 * @param hasMore true when more versions wait after this page
 */
public record SyncPullResponse(List<SyncChange> changes, String cursor, boolean hasMore) {}
