package io.tributary.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Dialect B: one row of {@code POST /v1/rxdb/{collection}/push}. Fields are kept as raw JSON so the
 * server can refuse a malformed row on its own without failing the batch.
 *
 * @param assumedMasterState the document the client believes is current, JSON null for "absent"
 * @param newDocumentState the document the client wants, an object with a string {@code id}
 * @param changeId optional idempotency key (a Tributary extension to RxDB's row)
 */
public record RxdbPushRow(
    JsonNode assumedMasterState, JsonNode newDocumentState, String changeId) {}
