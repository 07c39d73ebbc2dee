package io.tributary.protocol.wire;

import java.util.List;

/**
 * Dialect A: answer of {@code POST /v1/sync/push}. Every change id of the request is in exactly one
 * of the three lists.
 */
public record SyncPushResponse(
    List<SyncAccepted> accepted, List<SyncConflict> conflicts, List<SyncItemError> errors) {}
