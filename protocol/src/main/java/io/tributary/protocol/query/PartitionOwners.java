package io.tributary.protocol.query;

import java.util.Map;

/**
 * Which projector instance serves which {@code changes} partition, from Kafka Streams metadata.
 * Body of {@code GET /internal/v1/owners}.
 *
 * @param partitions the number of {@code changes} partitions
 * @param owners partition → {@code host:port} of the owning instance's query endpoint; partitions
 *     in transition are absent
 */
public record PartitionOwners(int partitions, Map<Integer, String> owners) {}
