package io.tributary.protocol.wire;

/**
 * Dialect B: RxDB's checkpoint, wrapping the opaque cursor.
 *
 * @param cursor null only for a client that has seen nothing
 */
public record RxdbCheckpoint(String cursor) {}
