package io.tributary.protocol.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Dialect A: one change refused by compare-and-set; the client resolves and pushes again.
 *
 * @param local the fields the client pushed (null for a delete without data)
 * @param remote the current version's fields, null when there is none
 * @param remoteRev the current version's rev, null when there is none
 * @param localTimestamp the last-writer-wins milliseconds of the pushed change
 * @param remoteTimestamp the last-writer-wins milliseconds of the current version, or null
 * @param fieldConflicts top-level field names whose values differ between local and remote
 */
public record SyncConflict(
    String changeId,
    String recordId,
    String collection,
    ObjectNode local,
    ObjectNode remote,
    String remoteRev,
    Long localTimestamp,
    Long remoteTimestamp,
    List<String> fieldConflicts) {}
