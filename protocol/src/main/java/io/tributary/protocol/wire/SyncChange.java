package io.tributary.protocol.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Dialect A: one document version in a pull answer or a stream event.
 *
 * @param id the version's rev
 * @param type {@code "delete"} for a tombstone, else {@code "update"}
 * @param data the stored fields
 * @param timestamp epoch milliseconds of the server's clock stamp of the version
 */
public record SyncChange(
    String id, String collection, String recordId, String type, ObjectNode data, long timestamp) {}
