package io.tributary.protocol.wire;

import java.util.List;

/**
 * Dialect A: body of {@code POST /v1/sync/pull}; every field is optional.
 *
 * @param cursor the cursor of the previous answer; null pulls from the beginning
 * @param collections collections to include; null or empty means all the token may read
 * @param batchSize page size, default 100, capped by the server's maximum
 */
public record SyncPullRequest(String cursor, List<String> collections, Integer batchSize) {}
