package io.tributary.protocol.wire;

/**
 * Dialect A: one change that was not applied because it is invalid.
 *
 * @param id the client's change id as sent (null when it had none)
 * @param error a human sentence (never contains document data)
 * @param code snake_case code, e.g. {@code invalid_collection}, {@code document_too_large}
 */
public record SyncItemError(String id, String error, String code) {}
