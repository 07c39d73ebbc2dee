package io.tributary.protocol.query;

import java.util.Map;

/**
 * A projector instance's answer to a {@link ScanRequest}.
 *
 * @param partitions partition → slice, for each requested partition this instance could serve; a
 *     partition it does not own or cannot serve now (restoring, migrating) is absent
 */
public record ScanResponse(Map<Integer, PartitionSlice> partitions) {}
