package io.tributary.protocol.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Dialect A: one accepted change of a push answer.
 *
 * @param id the client's change id
 * @param serverTimestamp epoch milliseconds of the server's clock stamp of the change
 * @param rev the new version's rev, or for a superseded change the winning version's rev
 * @param superseded {@code true} when the change was accepted but a later write wins; absent (null)
 *     otherwise
 */
public record SyncAccepted(
    String id,
    long serverTimestamp,
    String rev,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean superseded) {}
